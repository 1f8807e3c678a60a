using System.Net.WebSockets;
using Friday.Infrastructure.Identity;
using Friday.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

public sealed class TokenExpiryTests : IAsyncLifetime
{
    // JWT expiry has whole-second resolution, so a token issued for 6 s lives 5 to 6 s; with the
    // warning 3 s before it, a loaded machine still has seconds to answer in time.
    private static readonly TimeSpan ShortLife = TimeSpan.FromSeconds(6);
    private readonly FridayServer _server = new();

    public Task InitializeAsync()
    {
        _server.Settings["Realtime:TokenExpiryWarningSeconds"] = "3";
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task TokenRunningOut_ShouldWarnThenCloseWith4001()
    {
        await using var socket = await ConnectReadyAsync(Issue("expiry-close", ShortLife));

        var warning = await socket.ReceiveTypeAsync("error");
        var warnedAt = DateTimeOffset.UtcNow;
        var expired = await socket.ReceiveTypeAsync("error");

        Assert.Equal("token_expiring", warning.GetProperty("code").GetString());
        Assert.True(warning.GetProperty("expires_at").GetDateTimeOffset() > warnedAt);
        Assert.Equal("unauthorized", expired.GetProperty("code").GetString());
        Assert.Equal(4001, (int)(await socket.ReceiveCloseAsync())!);
    }

    [Fact]
    public async Task FreshTokenForTheSameUser_ShouldKeepTheConnectionPastTheOldExpiry()
    {
        // Renewed at once rather than after the warning: a client may renew at any time, and the
        // renewal must not race the old token's last seconds on a busy machine.
        await using var socket = await ConnectReadyAsync(Issue("expiry-renew", ShortLife));

        await socket.SendAsync(new { type = "auth", id = "renew-1", token = Issue("expiry-renew", TimeSpan.FromMinutes(10)) });
        var reply = await socket.ReceiveTypeAsync("auth");
        await Task.Delay(ShortLife);
        await socket.SendAsync(new { type = "ping", id = "still-here" });

        Assert.Equal("ok", reply.GetProperty("status").GetString());
        Assert.Equal("renew-1", reply.GetProperty("reply_to").GetString());
        Assert.True(reply.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(9));
        Assert.Equal("still-here", (await socket.ReceiveTypeAsync("pong")).GetProperty("reply_to").GetString());
        Assert.Equal(WebSocketState.Open, socket.Socket.State);
    }

    [Fact]
    public async Task TokenOfAnotherUser_ShouldBeForbidden_AndTheConnectionKept()
    {
        await using var socket = await ConnectReadyAsync(Issue("expiry-owner", TimeSpan.FromMinutes(10)));

        await socket.SendAsync(new { type = "auth", id = "swap", token = Issue("expiry-other", TimeSpan.FromMinutes(10)) });
        var error = await socket.ReceiveTypeAsync("error");

        Assert.Equal("forbidden", error.GetProperty("code").GetString());
        Assert.Equal("swap", error.GetProperty("reply_to").GetString());
        await AssertStillOpenAsync(socket);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("expired")]
    [InlineData("tampered")]
    public async Task InvalidToken_ShouldBeUnauthorized_WithoutClosing(string kind)
    {
        await using var socket = await ConnectReadyAsync(Issue("expiry-bad", TimeSpan.FromMinutes(10)));
        var good = Issue("expiry-bad", TimeSpan.FromMinutes(20));
        var token = kind switch
        {
            "expired" => Issue("expiry-bad", TimeSpan.FromMinutes(-5)),
            "tampered" => good[..^4] + (good.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"),
            _ => "not.a.jwt",
        };

        await socket.SendAsync(new { type = "auth", id = "bad", token });
        var error = await socket.ReceiveTypeAsync("error");

        Assert.Equal("unauthorized", error.GetProperty("code").GetString());
        Assert.Equal("bad", error.GetProperty("reply_to").GetString());
        await AssertStillOpenAsync(socket);
    }

    [Fact]
    public async Task AuthWithoutAToken_ShouldBeInvalidMessage()
    {
        await using var socket = await ConnectReadyAsync(Issue("expiry-empty", TimeSpan.FromMinutes(10)));

        await socket.SendAsync(new { type = "auth", id = "empty" });

        Assert.Equal("invalid_message", (await socket.ReceiveTypeAsync("error")).GetProperty("code").GetString());
        await AssertStillOpenAsync(socket);
    }

    private string Issue(string userId, TimeSpan lifetime) =>
        _server.Services.GetRequiredService<ITokenIssuer>().Issue(userId, [], lifetime);

    private async Task<TestSocket> ConnectReadyAsync(string token)
    {
        var socket = await _server.ConnectAsync(null, extraQuery: $"token={token}");
        await socket.ReceiveTypeAsync("connection");
        await socket.ReceiveTypeAsync("unread_count");
        return socket;
    }

    private static async Task AssertStillOpenAsync(TestSocket socket)
    {
        await socket.SendAsync(new { type = "ping", id = "alive" });
        Assert.Equal("alive", (await socket.ReceiveTypeAsync("pong")).GetProperty("reply_to").GetString());
    }
}
