using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

public sealed class MessageRateLimitTests : IAsyncLifetime
{
    private const int Burst = 5;
    private const int CloseAfterRejected = 10;

    /// <summary>Longer than the default 1 s, so that a loaded machine reads a whole burst within it.</summary>
    private const int GraceSeconds = 3;
    private readonly FridayServer _server = new();

    public Task InitializeAsync()
    {
        _server.Settings["Realtime:MessageBurst"] = $"{Burst}";
        _server.Settings["Realtime:MessagesPerSecond"] = "1";
        _server.Settings["Realtime:RateLimitCloseAfterRejected"] = $"{CloseAfterRejected}";
        _server.Settings["Realtime:RateLimitCloseGraceSeconds"] = $"{GraceSeconds}";
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
    public async Task OneBurstFarPastTheLimit_ShouldAllBeAnswered_RateLimitedPastTheBucket_AndTheConnectionKept()
    {
        const int sent = 130;
        await using var socket = await _server.ConnectReadyAsync("rate-one-burst");

        for (var i = 0; i < sent; i++)
        {
            await socket.SendAsync(new { type = "ping", id = $"b{i}" });
        }

        var replies = new List<string>();
        while (replies.Count < sent)
        {
            var reply = await socket.ReceiveNonHeartbeatAsync()
                ?? throw new InvalidOperationException($"Closed ({socket.CloseStatus} {socket.Socket.CloseStatusDescription}) after {replies.Count} replies.");
            replies.Add(reply.GetProperty("type").GetString() == "pong" ? "pong" : reply.GetProperty("code").GetString()!);
        }

        Assert.InRange(replies.Count(r => r == "rate_limited"), CloseAfterRejected, sent - Burst);
        Assert.All(replies, r => Assert.Contains(r, new[] { "pong", "rate_limited" }));
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await socket.SendAsync(new { type = "ping", id = "still-open" });
        Assert.Equal("still-open", (await socket.ReceiveTypeAsync("pong")).GetProperty("reply_to").GetString());
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

    /// <summary>
    /// A flood that goes on after its first <c>rate_limited</c> replies is closed soon after the grace
    /// period; until then it is answered, so it has been told before it is closed.
    /// </summary>
    [Fact]
    public async Task FloodGoingOnPastTheGrace_ShouldBeToldRateLimited_ThenClosedWith1008_WithoutHurtingOthers()
    {
        await using var bystander = await _server.ConnectReadyAsync("rate-bystander");
        await using var flooder = await _server.ConnectReadyAsync("rate-flooder");
        var started = Stopwatch.StartNew();
        var limited = 0;
        var reading = Task.Run(async () =>
        {
            while (await flooder.ReceiveNonHeartbeatAsync(TimeSpan.FromSeconds(GraceSeconds + 10)) is { } message)
            {
                limited += message.TryGetProperty("code", out var code) && code.GetString() == "rate_limited" ? 1 : 0;
            }

            return flooder.CloseStatus;
        });

        try
        {
            while (!reading.IsCompleted)
            {
                await flooder.SendAsync(new { type = "ping" });
                await Task.Delay(5);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            // The server closed the socket mid-flood: the expected end.
        }

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await reading);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(GraceSeconds), TimeSpan.FromSeconds(GraceSeconds + 8));
        Assert.True(limited > CloseAfterRejected, $"{limited} rate_limited replies before the close");
        await bystander.SendAsync(new { type = "ping", id = "fine" });
        Assert.Equal("fine", (await bystander.ReceiveTypeAsync("pong")).GetProperty("reply_to").GetString());
    }

    [Fact]
    public async Task GraceNotShorterThanTheWindow_ShouldStopTheStart()
    {
        await using var server = new FridayServer();
        server.Settings["Realtime:RateLimitCloseWindowSeconds"] = "5";
        server.Settings["Realtime:RateLimitCloseGraceSeconds"] = "5";

        var ex = Record.Exception(() => server.BaseAddress);

        Assert.Contains("Realtime:RateLimitCloseGraceSeconds must be less than Realtime:RateLimitCloseWindowSeconds", ex?.ToString(), StringComparison.Ordinal);
    }
}
