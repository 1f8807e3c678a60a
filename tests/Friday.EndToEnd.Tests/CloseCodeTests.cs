using System.Net;
using System.Net.WebSockets;
using Friday.Infrastructure.Identity;
using Friday.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

public sealed class CloseCodeTests(FridayServer server) : IClassFixture<FridayServer>
{
    [Fact]
    public async Task NoToken_ShouldGetUnauthorizedThenClose4001()
    {
        await using var socket = await server.ConnectAsync(null);

        var error = await socket.ReceiveTypeAsync("error");
        var status = await socket.ReceiveCloseAsync();

        Assert.Equal("unauthorized", error.GetProperty("code").GetString());
        Assert.Equal(4001, (int)status!);
    }

    [Fact]
    public async Task InvalidToken_ShouldClose4001()
    {
        await using var socket = await server.ConnectAsync(null, extraQuery: "token=not.a.jwt");

        await socket.ReceiveTypeAsync("error");

        Assert.Equal(4001, (int)(await socket.ReceiveCloseAsync())!);
    }

    [Fact]
    public async Task ExpiredToken_ShouldGetUnauthorizedThenClose4001()
    {
        var expired = server.Services.GetRequiredService<ITokenIssuer>().Issue("close-expired", [], TimeSpan.FromMinutes(-10));
        await using var socket = await server.ConnectAsync(null, extraQuery: $"token={expired}");

        var first = await socket.ReceiveAsync();
        var status = await socket.ReceiveCloseAsync();

        Assert.Equal("error", first!.Value.GetProperty("type").GetString());
        Assert.Equal("unauthorized", first.Value.GetProperty("code").GetString());
        Assert.Equal(4001, (int)status!);
    }

    [Fact]
    public async Task BearerHeader_ShouldAuthenticateAService()
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {server.TokenFor("svc-header", "service")}");
        await socket.ConnectAsync(server.WebSocketUri(), CancellationToken.None);
        await using var test = new TestSocket(socket);

        var message = await test.ReceiveTypeAsync("connection");

        Assert.Equal("svc-header", message.GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task SameClientIdSameUser_ShouldReplaceTheOldConnectionWith4008()
    {
        await using var first = await server.ConnectReadyAsync("close-replace", "/ws/my-tab");
        await using var second = await server.ConnectReadyAsync("close-replace", "/ws/my-tab");

        Assert.Equal(4008, (int)(await first.ReceiveCloseAsync())!);
        await second.SendAsync(new { type = "ping" });
        await second.ReceiveTypeAsync("pong");
    }

    [Fact]
    public async Task ClientIdOfAnotherUser_ShouldBeRefusedWith4003()
    {
        await using var owner = await server.ConnectReadyAsync("close-owner", "/ws/shared-id");
        await using var intruder = await server.ConnectAsync("close-intruder", "/ws/shared-id");

        var error = await intruder.ReceiveTypeAsync("error");

        Assert.Equal("forbidden", error.GetProperty("code").GetString());
        Assert.Equal(4003, (int)(await intruder.ReceiveCloseAsync())!);
        await owner.SendAsync(new { type = "ping" });
        await owner.ReceiveTypeAsync("pong");
    }

    [Fact]
    public async Task InvalidClientId_ShouldBe400BeforeTheUpgrade()
    {
        using var socket = new ClientWebSocket();
        var uri = server.WebSocketUri("/ws/has.dots", $"token={server.TokenFor("close-bad-id")}");
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));

        Assert.Contains("400", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizeMessage_ShouldClose1009()
    {
        await using var socket = await server.ConnectReadyAsync("close-big");
        var huge = "{\"type\":\"ping\",\"pad\":\"" + new string('x', 17 * 1024) + "\"}";
        await socket.SendAsync(huge);

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task MessageJustUnderTheLimit_ShouldBeAccepted()
    {
        await using var socket = await server.ConnectReadyAsync("close-limit");
        var prefix = "{\"type\":\"ping\",\"id\":\"edge\",\"pad\":\"";
        var padding = new string('x', (16 * 1024) - prefix.Length - 2);
        await socket.SendAsync(prefix + padding + "\"}");

        var pong = await socket.ReceiveTypeAsync("pong");

        Assert.Equal("edge", pong.GetProperty("reply_to").GetString());
    }

    [Fact]
    public async Task PlainHttpRequest_ToTheWebSocketRoute_ShouldBe400()
    {
        using var client = server.AnonymousClient();
        using var response = await client.GetAsync("/ws");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AdminDisconnect_ShouldCloseEveryConnectionOfTheUser()
    {
        await using var tab1 = await server.ConnectReadyAsync("close-kick");
        await using var tab2 = await server.ConnectReadyAsync("close-kick");
        using var admin = server.ClientFor("close-admin", "admin");

        using var response = await admin.PostJsonAsync("/api/ws/disconnect", new { user_id = "close-kick" });
        var body = await response.ReadJsonAsync();

        Assert.Equal(2, body.GetProperty("disconnected").GetInt32());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await tab1.ReceiveCloseAsync());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await tab2.ReceiveCloseAsync());
    }

    [Fact]
    public async Task SubscriptionLimit_ShouldRefuseTheHundredAndFirst()
    {
        await using var socket = await server.ConnectReadyAsync("close-limit-100");
        await socket.SendAsync(new { type = "subscribe", topics = Enumerable.Range(0, 100).Select(i => $"room.{i}").ToArray() });
        for (var i = 0; i < 100; i++)
        {
            await socket.ReceiveTypeAsync("subscription");
        }

        await socket.SendAsync(new { type = "subscribe", topic = "room.100" });
        var error = await socket.ReceiveTypeAsync("error");

        Assert.Equal("forbidden", error.GetProperty("code").GetString());
        Assert.Contains("100", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
