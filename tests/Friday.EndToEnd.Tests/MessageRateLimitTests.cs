using System.Net.WebSockets;
using System.Text.Json;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

public sealed class MessageRateLimitTests : IAsyncLifetime
{
    private const int Burst = 5;
    private const int CloseAfterRejected = 10;
    private readonly FridayServer _server = new();

    public Task InitializeAsync()
    {
        _server.Settings["Realtime:MessageBurst"] = $"{Burst}";
        _server.Settings["Realtime:MessagesPerSecond"] = "1";
        _server.Settings["Realtime:RateLimitCloseAfterRejected"] = $"{CloseAfterRejected}";
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task MessagesPastTheBurst_ShouldBeRateLimited_AndTheConnectionKept()
    {
        await using var socket = await _server.ConnectReadyAsync("rate-burst");

        for (var i = 0; i <= Burst; i++)
        {
            await socket.SendAsync(new { type = "ping", id = $"p{i}" });
        }

        for (var i = 0; i < Burst; i++)
        {
            Assert.Equal($"p{i}", (await socket.ReceiveTypeAsync("pong")).GetProperty("reply_to").GetString());
        }

        var limited = await socket.ReceiveTypeAsync("error");
        Assert.Equal("rate_limited", limited.GetProperty("code").GetString());
        Assert.Equal($"p{Burst}", limited.GetProperty("reply_to").GetString());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await socket.SendAsync(new { type = "ping", id = "refilled" });
        Assert.Equal("refilled", (await socket.ReceiveTypeAsync("pong")).GetProperty("reply_to").GetString());
    }

    [Fact]
    public async Task RateLimited_ShouldCarryTheDroppedMessagesIdWithItsJsonType()
    {
        await using var socket = await _server.ConnectReadyAsync("rate-reply-to");
        for (var i = 0; i < Burst; i++)
        {
            await socket.SendAsync(new { type = "heartbeat" });
        }

        await socket.SendAsync("""{"type":"subscribe","topics":["a","b"],"id":77}""");
        await socket.SendAsync("""{"type":"no_such_type","id":"s-1"}""");
        await socket.SendAsync("""{"type":"ping"}""");

        var errors = new List<JsonElement>();
        while (errors.Count < 3)
        {
            var error = await socket.ReceiveTypeAsync("error");
            Assert.Equal("rate_limited", error.GetProperty("code").GetString());
            errors.Add(error);
        }

        Assert.Equal("77", errors[0].GetProperty("reply_to").GetRawText());
        Assert.Equal("s-1", errors[1].GetProperty("reply_to").GetString());
        Assert.False(errors[2].TryGetProperty("reply_to", out _));
    }

    [Fact]
    public async Task FloodIgnoringRateLimited_ShouldBeClosedWith1008_WithoutHurtingOthers()
    {
        await using var bystander = await _server.ConnectReadyAsync("rate-bystander");
        await using var flooder = await _server.ConnectReadyAsync("rate-flooder");

        for (var i = 0; i < Burst + CloseAfterRejected; i++)
        {
            await flooder.SendAsync(new { type = "ping" });
        }

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await flooder.ReceiveCloseAsync());
        await bystander.SendAsync(new { type = "ping", id = "fine" });
        Assert.Equal("fine", (await bystander.ReceiveTypeAsync("pong")).GetProperty("reply_to").GetString());
    }
}
