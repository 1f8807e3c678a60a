using System.Net.WebSockets;
using System.Text.Json;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>Every client message of PROTOCOL.md's table that this layer owns, and every error code.</summary>
public sealed class ProtocolTests(FridayServer server) : IClassFixture<FridayServer>
{
    [Fact]
    public async Task Connect_ShouldSendTheConnectionMessageFirst()
    {
        await using var socket = await server.ConnectAsync("proto-connect", "/ws/tab-1");
        var first = await socket.ReceiveAsync();

        Assert.NotNull(first);
        var message = first.Value;
        Assert.Equal("connection", message.GetProperty("type").GetString());
        Assert.Equal("connected", message.GetProperty("status").GetString());
        Assert.Equal("tab-1", message.GetProperty("client_id").GetString());
        Assert.Equal("proto-connect", message.GetProperty("user_id").GetString());
        Assert.Equal(30, message.GetProperty("heartbeat_interval").GetInt32());
        Assert.True(message.GetProperty("last_seq").GetInt64() >= 0);
        Assert.EndsWith("Z", message.GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task Connect_WithoutClientId_ShouldBeGivenAUuid()
    {
        await using var socket = await server.ConnectAsync("proto-uuid");
        var message = await socket.ReceiveTypeAsync("connection");

        Assert.True(Guid.TryParse(message.GetProperty("client_id").GetString(), out _));
    }

    [Fact]
    public async Task NotificationsPath_ShouldBeTheSameHandler()
    {
        await using var socket = await server.ConnectAsync("proto-path", "/ws/notifications");
        var message = await socket.ReceiveTypeAsync("connection");

        Assert.Equal("proto-path", message.GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task Ping_ShouldAnswerPongWithReplyTo()
    {
        await using var socket = await server.ConnectReadyAsync("proto-ping");
        await socket.SendAsync(new { type = "ping", id = "p-1" });

        var reply = await socket.ReceiveTypeAsync("pong");

        Assert.Equal("p-1", reply.GetProperty("reply_to").GetString());
    }

    [Fact]
    public async Task NumericId_ShouldComeBackAsTheSameNumber_AndAStringIdAsAString()
    {
        await using var socket = await server.ConnectReadyAsync("proto-numeric-id");
        await socket.SendAsync("""{"type":"ping","id":42}""");
        var numeric = await socket.ReceiveTypeAsync("pong");
        await socket.SendAsync("""{"type":"subscribe","topic":"BAD topic","id":1.50}""");
        var error = await socket.ReceiveTypeAsync("error");
        await socket.SendAsync("""{"type":"ping","id":"42"}""");
        var text = await socket.ReceiveTypeAsync("pong");

        Assert.Equal(JsonValueKind.Number, numeric.GetProperty("reply_to").ValueKind);
        Assert.Equal("42", numeric.GetProperty("reply_to").GetRawText());
        Assert.Equal("1.50", error.GetProperty("reply_to").GetRawText());
        Assert.Equal(JsonValueKind.String, text.GetProperty("reply_to").ValueKind);
        Assert.Equal("42", text.GetProperty("reply_to").GetString());
    }

    [Theory]
    [InlineData("true")]
    [InlineData("{\"n\":1}")]
    [InlineData("[1]")]
    public async Task IdOfAnotherShape_ShouldBeInvalidMessage_WithoutReplyTo(string id)
    {
        await using var socket = await server.ConnectReadyAsync("proto-bad-id");
        await socket.SendAsync($$"""{"type":"ping","id":{{id}}}""");

        var error = await socket.ReceiveTypeAsync("error");

        Assert.Equal("invalid_message", error.GetProperty("code").GetString());
        Assert.False(error.TryGetProperty("reply_to", out _));
    }

    [Fact]
    public async Task Heartbeat_ShouldAnswerAlive()
    {
        await using var socket = await server.ConnectReadyAsync("proto-heartbeat");
        await socket.SendAsync(new { type = "heartbeat", id = "h" });

        var reply = (await socket.ReceiveNonHeartbeatAsync())!.Value;

        Assert.Equal("heartbeat", reply.GetProperty("type").GetString());
        Assert.Equal("alive", reply.GetProperty("status").GetString());
        Assert.Equal("h", reply.GetProperty("reply_to").GetString());
    }

    [Fact]
    public async Task Subscribe_OneTopic_ShouldConfirmIt()
    {
        await using var socket = await server.ConnectReadyAsync("proto-sub-1");
        await socket.SendAsync(new { type = "subscribe", topic = "system_status", id = "s" });

        var reply = await socket.ReceiveTypeAsync("subscription");

        Assert.Equal("system_status", reply.GetProperty("topic").GetString());
        Assert.Equal("subscribed", reply.GetProperty("status").GetString());
        Assert.Equal("s", reply.GetProperty("reply_to").GetString());
    }

    [Fact]
    public async Task Subscribe_AList_ShouldConfirmEachTopic()
    {
        await using var socket = await server.ConnectReadyAsync("proto-sub-2");
        await socket.SendAsync(new { type = "subscribe", topics = new[] { "notes", "tasks", "activities" } });

        var topics = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            topics.Add((await socket.ReceiveTypeAsync("subscription")).GetProperty("topic").GetString()!);
        }

        Assert.Equal(["notes", "tasks", "activities"], topics);
    }

    [Fact]
    public async Task Unsubscribe_ShouldConfirmAndStopDelivery()
    {
        await using var socket = await server.ConnectReadyAsync("proto-unsub");
        using var client = server.ClientFor("proto-unsub");
        await socket.SendAsync(new { type = "subscribe", topic = "notes" });
        await socket.ReceiveTypeAsync("subscription");
        await socket.SendAsync(new { type = "unsubscribe", topic = "notes" });
        var reply = await socket.ReceiveTypeAsync("subscription");

        await client.CreateNoteAsync();

        Assert.Equal("unsubscribed", reply.GetProperty("status").GetString());
        await socket.AssertSilentAsync(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task UnsubscribeAList_ShouldConfirmEachTopic_AndStopDeliveryOnThoseOnly()
    {
        await using var socket = await server.ConnectReadyAsync("proto-unsub-list");
        using var client = server.ClientFor("proto-unsub-list");
        using var publisher = server.ClientFor("proto-unsub-publisher", "service");
        await socket.SendAsync(new { type = "subscribe", topics = new[] { "notes", "tasks", "proto.unsub" } });
        for (var i = 0; i < 3; i++)
        {
            await socket.ReceiveTypeAsync("subscription");
        }

        await socket.SendAsync(new { type = "unsubscribe", topics = new[] { "notes", "proto.unsub" }, id = "u" });
        var first = await socket.ReceiveTypeAsync("subscription");
        var second = await socket.ReceiveTypeAsync("subscription");
        await client.CreateNoteAsync();
        (await publisher.PostJsonAsync("/api/notifications?topic=proto.unsub", new { type = "alert", message = "unheard" })).Dispose();
        (await client.PostJsonAsync("/api/tasks", new { title = "Still heard" })).Dispose();
        var next = (await socket.ReceiveNonHeartbeatAsync())!.Value;

        Assert.Equal(["notes", "proto.unsub"], new[] { first.GetProperty("topic").GetString()!, second.GetProperty("topic").GetString()! });
        Assert.All(new[] { first, second }, reply =>
        {
            Assert.Equal("unsubscribed", reply.GetProperty("status").GetString());
            Assert.Equal("u", reply.GetProperty("reply_to").GetString());
        });
        Assert.Equal("data_changed", next.GetProperty("type").GetString());
        Assert.Equal("task", next.GetProperty("entity").GetString());
    }

    [Fact]
    public async Task SubscribeNotificationTypes_ShouldConfirmTheFilter()
    {
        await using var socket = await server.ConnectReadyAsync("proto-types");
        await socket.SendAsync(new { type = "subscribe", notification_types = new[] { "task_reminder" } });

        var reply = await socket.ReceiveTypeAsync("subscription");

        Assert.Equal("notifications", reply.GetProperty("topic").GetString());
        Assert.Equal("task_reminder", reply.GetProperty("notification_types")[0].GetString());
    }

    [Theory]
    [InlineData("{not json", "invalid_json")]
    [InlineData("[1,2,3]", "invalid_message")]
    [InlineData("42", "invalid_message")]
    [InlineData("null", "invalid_message")]
    [InlineData("{\"no_type\":true}", "invalid_message")]
    [InlineData("{\"type\":7}", "invalid_message")]
    [InlineData("{\"type\":\"teleport\"}", "unknown_message_type")]
    [InlineData("{\"type\":\"subscribe\"}", "invalid_message")]
    [InlineData("{\"type\":\"subscribe\",\"topic\":5}", "invalid_message")]
    [InlineData("{\"type\":\"subscribe\",\"topic\":\"UPPER case\"}", "invalid_message")]
    [InlineData("{\"type\":\"subscribe\",\"topics\":\"notes\"}", "invalid_message")]
    public async Task BadMessage_ShouldAnswerTheErrorCodeAndKeepTheConnection(string raw, string code)
    {
        await using var socket = await server.ConnectReadyAsync("proto-errors");
        await socket.SendAsync(raw);

        var error = await socket.ReceiveTypeAsync("error");
        await socket.SendAsync(new { type = "ping" });
        var pong = await socket.ReceiveTypeAsync("pong");

        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal("pong", pong.GetProperty("type").GetString());
    }

    [Fact]
    public async Task UnknownType_ShouldEchoTheIdAsReplyTo()
    {
        await using var socket = await server.ConnectReadyAsync("proto-unknown");
        await socket.SendAsync(new { type = "teleport", id = "x-9" });

        var error = await socket.ReceiveTypeAsync("error");

        Assert.Equal("unknown_message_type", error.GetProperty("code").GetString());
        Assert.Equal("x-9", error.GetProperty("reply_to").GetString());
    }

    [Fact]
    public async Task SubscribeToAnotherUsersNote_ShouldBeForbidden()
    {
        using var alice = server.ClientFor("proto-alice");
        var noteId = (await alice.CreateNoteAsync()).GetProperty("id").GetString();
        await using var bob = await server.ConnectReadyAsync("proto-bob");

        await bob.SendAsync(new { type = "subscribe", topic = $"note:{noteId}", id = "f" });
        var error = await bob.ReceiveTypeAsync("error");

        Assert.Equal("forbidden", error.GetProperty("code").GetString());
        Assert.Equal("f", error.GetProperty("reply_to").GetString());
        await AssertStillAnswersAsync(bob);
    }

    [Fact]
    public async Task SubscribeToAnUnknownTask_ShouldBeNotFound()
    {
        await using var socket = await server.ConnectReadyAsync("proto-notfound");
        await socket.SendAsync(new { type = "subscribe", topic = $"task:{Guid.NewGuid()}" });

        var error = await socket.ReceiveTypeAsync("error");

        Assert.Equal("not_found", error.GetProperty("code").GetString());
        await AssertStillAnswersAsync(socket);
    }

    [Fact]
    public async Task BinaryFrame_ShouldBeAnsweredWithInvalidMessage()
    {
        await using var socket = await server.ConnectReadyAsync("proto-binary");
        await socket.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);

        var error = await socket.ReceiveTypeAsync("error");

        Assert.Equal("invalid_message", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task FragmentedMessage_ShouldBeReassembled()
    {
        await using var socket = await server.ConnectReadyAsync("proto-fragments");
        var bytes = System.Text.Encoding.UTF8.GetBytes("{\"type\":\"ping\",\"id\":\"frag\"}");
        await socket.Socket.SendAsync(bytes.AsMemory(0, 10), WebSocketMessageType.Text, false, CancellationToken.None);
        await socket.Socket.SendAsync(bytes.AsMemory(10), WebSocketMessageType.Text, true, CancellationToken.None);

        var pong = await socket.ReceiveTypeAsync("pong");

        Assert.Equal("frag", pong.GetProperty("reply_to").GetString());
    }

    private static async Task AssertStillAnswersAsync(TestSocket socket)
    {
        await socket.SendAsync(new { type = "ping", id = "still-here" });
        Assert.Equal("still-here", (await socket.ReceiveTypeAsync("pong")).GetProperty("reply_to").GetString());
    }
}
