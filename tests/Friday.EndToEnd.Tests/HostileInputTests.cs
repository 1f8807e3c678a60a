using System.Net.WebSockets;
using System.Text;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>What an attacker or a broken client can put on a socket. After each attack the server must be unharmed.</summary>
public sealed class HostileInputTests(HostileInputServer fixture) : IClassFixture<HostileInputServer>
{
    private FridayServer Server => fixture.Server;

    [Fact]
    public async Task MalformedJson_ShouldBeAnsweredInvalidJson()
    {
        string[] inputs = ["{", "}", "{\"type\":", "{\"type\":\"ping\",}", "nul", "{'type':'ping'}", "\"unterminated", "{\"type\":\"ping\"}}", "", " ", "\u0000", "{\"a\":1e99999999}x"];
        await using var socket = await Server.ConnectReadyAsync("hostile-json");

        foreach (var input in inputs)
        {
            await socket.SendAsync(input);
            Assert.Equal("invalid_json", (await socket.ReceiveTypeAsync("error")).GetProperty("code").GetString());
        }

        await AssertAnswersPingAsync(socket);
        await fixture.AssertHealthyAsync();
    }

    [Fact]
    public async Task ValidJsonOfTheWrongShape_ShouldBeAnsweredWithoutClosing()
    {
        var nearLimit = "{\"type\":\"subscribe\",\"topic\":\"" + new string('a', (16 * 1024) - 40) + "\"}";
        var deep = new string('[', 5000) + new string(']', 5000);
        string[] inputs =
        [
            "[]", "[{\"type\":\"ping\"}]", "42", "null", "true", "\"ping\"", "{}",
            "{\"type\":null}", "{\"type\":1}", "{\"type\":[\"ping\"]}", "{\"type\":{\"x\":1}}",
            "{\"type\":\"subscribe\",\"topic\":5}", "{\"type\":\"subscribe\",\"topics\":[1,2]}", "{\"type\":\"subscribe\",\"topics\":\"notes\"}",
            "{\"type\":\"get_unread\",\"limit\":\"x\"}", "{\"type\":\"get_unread\",\"limit\":1e300}", "{\"type\":\"mark_read\",\"notification_id\":\"not-a-guid\"}",
            "{\"type\":\"resume\",\"last_seq\":-1}", "{\"type\":\"auth\",\"token\":42}", "{\"type\":\"ping\",\"id\":{\"nested\":true}}",
            nearLimit, deep,
        ];
        await using var socket = await Server.ConnectReadyAsync("hostile-shape");

        foreach (var input in inputs)
        {
            await socket.SendAsync(input);
            var code = (await socket.ReceiveTypeAsync("error")).GetProperty("code").GetString();
            Assert.Contains(code, new[] { "invalid_json", "invalid_message", "unknown_message_type", "not_found" });
        }

        await AssertAnswersPingAsync(socket);
        await fixture.AssertHealthyAsync();
    }

    [Fact]
    public async Task UnknownTypes_ShouldBeAnsweredUnknownMessageType()
    {
        string[] types = ["PING", "data_changed", "connection", "error", "pong", "subscribe ", new string('t', 5000), "__proto__", "<script>"];
        await using var socket = await Server.ConnectReadyAsync("hostile-types");

        foreach (var type in types)
        {
            await socket.SendAsync(new { type, id = "u" });
            Assert.Equal("unknown_message_type", (await socket.ReceiveTypeAsync("error")).GetProperty("code").GetString());
        }

        await AssertAnswersPingAsync(socket);
        await fixture.AssertHealthyAsync();
    }

    [Fact]
    public async Task BinaryFrames_ShouldBeRefusedWithoutClosing()
    {
        await using var socket = await Server.ConnectReadyAsync("hostile-binary");

        await socket.Socket.SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"ping\"}"), WebSocketMessageType.Binary, true, CancellationToken.None);
        await socket.Socket.SendAsync(new byte[] { 0, 1, 2, 255 }, WebSocketMessageType.Binary, true, CancellationToken.None);

        Assert.Equal("invalid_message", (await socket.ReceiveTypeAsync("error")).GetProperty("code").GetString());
        Assert.Equal("invalid_message", (await socket.ReceiveTypeAsync("error")).GetProperty("code").GetString());
        await AssertAnswersPingAsync(socket);
        await fixture.AssertHealthyAsync();
    }

    [Fact]
    public async Task FragmentedFrames_ShouldBeReassembled_AndTheSizeLimitAppliedToTheWhole()
    {
        await using var socket = await Server.ConnectReadyAsync("hostile-fragments");
        foreach (var part in new[] { "{\"type\":", "\"ping\",\"id\":", "\"frag\"}" })
        {
            await socket.Socket.SendAsync(Encoding.UTF8.GetBytes(part), WebSocketMessageType.Text, part.EndsWith('}'), CancellationToken.None);
        }

        Assert.Equal("frag", (await socket.ReceiveTypeAsync("pong")).GetProperty("reply_to").GetString());

        var chunk = Encoding.UTF8.GetBytes(new string(' ', 4096));
        for (var i = 0; i < 6; i++)
        {
            await socket.Socket.SendAsync(chunk, WebSocketMessageType.Text, i == 5, CancellationToken.None);
        }

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await socket.ReceiveCloseAsync());
        await fixture.AssertHealthyAsync();
    }

    [Fact]
    public async Task InvalidUtf8InATextFrame_ShouldBeRefusedOrClosed_NotCrash()
    {
        await using var socket = await Server.ConnectReadyAsync("hostile-utf8");
        byte[] payload = [.. "{\"type\":\""u8, 0xF5, 0x88, 0xC0, .. "\"}"u8];

        await socket.Socket.SendAsync(payload, WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await socket.ReceiveNonHeartbeatAsync();

        // Either layer may catch it: the WebSocket stack closes with 1007, or the parser answers invalid_json.
        if (reply is { } error)
        {
            Assert.Equal("invalid_json", error.GetProperty("code").GetString());
            await AssertAnswersPingAsync(socket);
        }
        else
        {
            Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, socket.CloseStatus);
        }

        await fixture.AssertHealthyAsync();
    }

    [Fact]
    public async Task OversizeFrames_ShouldClose1009()
    {
        foreach (var size in new[] { (16 * 1024) + 1, 1024 * 1024 })
        {
            await using var socket = await Server.ConnectReadyAsync("hostile-oversize");
            await socket.Socket.SendAsync(new byte[size], WebSocketMessageType.Text, true, CancellationToken.None);

            Assert.Equal(WebSocketCloseStatus.MessageTooBig, await socket.ReceiveCloseAsync());
        }

        await fixture.AssertHealthyAsync();
    }

    [Fact]
    public async Task FloodOfSubscribes_ShouldBeRateLimitedAndClosed1008_WithinTheSubscriptionLimit()
    {
        await using var socket = await Server.ConnectReadyAsync("hostile-flood");
        var topics = Enumerable.Range(0, 100).Select(i => $"flood.{i}").ToArray();

        var sent = 0;
        try
        {
            for (; sent < 500 && socket.Socket.State == WebSocketState.Open; sent++)
            {
                await socket.SendAsync(new { type = "subscribe", topics = sent % 2 == 0 ? topics : topics.Select(t => t + ".x").ToArray() });
            }
        }
        catch (WebSocketException)
        {
            // The server closed the socket mid-flood: the expected outcome.
        }

        // A client that floods without reading is cut off either for the flood (1008) or for not
        // draining the hundred replies per subscribe (1013), whichever limit it reaches first.
        var status = await socket.ReceiveCloseAsync(TimeSpan.FromSeconds(20));
        Assert.Contains(status, new WebSocketCloseStatus?[] { WebSocketCloseStatus.PolicyViolation, (WebSocketCloseStatus)1013 });
        await fixture.AssertHealthyAsync();
    }

    [Fact]
    public async Task TwoThousandConnectDisconnectCycles_ShouldLeaveNothingBehind()
    {
        const int cycles = 2000;
        const int parallel = 8;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async lane =>
        {
            for (var i = lane; i < cycles; i += parallel)
            {
                await using var socket = await Server.ConnectAsync($"hostile-cycle-{lane}");
                await socket.ReceiveTypeAsync("connection");
                if (i % 3 == 0)
                {
                    socket.Socket.Abort();
                }
            }
        }));

        await fixture.AssertHealthyAsync();
        using var admin = Server.ClientFor("hostile-admin", "admin");
        await WaitUntilAsync(async () => (await (await admin.GetAsync("/api/ws/stats")).ReadJsonAsync()).GetProperty("connections").GetInt32() == 0);
    }

    private static async Task AssertAnswersPingAsync(TestSocket socket)
    {
        await socket.SendAsync(new { type = "ping", id = "after" });
        Assert.Equal("after", (await socket.ReceiveTypeAsync("pong")).GetProperty("reply_to").GetString());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition never became true.");
            await Task.Delay(50);
        }
    }
}
