using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

public sealed class ConnectionsPerUserTests : IAsyncLifetime
{
    private readonly FridayServer _server = new();

    public Task InitializeAsync()
    {
        _server.Settings["Realtime:MaxConnectionsPerUser"] = "2";
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task ConnectionPastTheLimit_ShouldGetForbiddenThenClose1008_AndAFreedSlotCanBeReused()
    {
        var first = await _server.ConnectReadyAsync("per-user");
        await using var second = await _server.ConnectReadyAsync("per-user");
        await using var other = await _server.ConnectReadyAsync("per-user-other");

        await using (var third = await _server.ConnectAsync("per-user"))
        {
            Assert.Equal("forbidden", (await third.ReceiveTypeAsync("error")).GetProperty("code").GetString());
            Assert.Equal(1008, (int)(await third.ReceiveCloseAsync())!);
        }

        await first.DisposeAsync();
        await using var again = await ConnectEventuallyAsync();
        await again.SendAsync(new { type = "ping", id = "in" });
        Assert.Equal("in", (await again.ReceiveTypeAsync("pong")).GetProperty("reply_to").GetString());
    }

    [Fact]
    public async Task ReconnectWithAClientIdItHolds_ShouldReplaceTheOldConnectionAtTheLimit_AndANewClientIdStillBeRefused()
    {
        // The old socket stays open on the client's side, as it does for a tab whose network dropped.
        await using var old = await _server.ConnectReadyAsync("per-user-tabs", "/ws/tab-1");
        await using var second = await _server.ConnectReadyAsync("per-user-tabs", "/ws/tab-2");

        await using var reconnected = await _server.ConnectAsync("per-user-tabs", "/ws/tab-1");
        var greeting = await reconnected.ReceiveTypeAsync("connection");

        Assert.Equal("tab-1", greeting.GetProperty("client_id").GetString());
        Assert.Equal(4008, (int)(await old.ReceiveCloseAsync())!);
        await reconnected.SendAsync(new { type = "ping", id = "back" });
        Assert.Equal("back", (await reconnected.ReceiveTypeAsync("pong")).GetProperty("reply_to").GetString());

        await using var third = await _server.ConnectAsync("per-user-tabs", "/ws/tab-3");
        Assert.Equal("forbidden", (await third.ReceiveTypeAsync("error")).GetProperty("code").GetString());
        Assert.Equal(1008, (int)(await third.ReceiveCloseAsync())!);
    }

    /// <summary>The server frees the slot when it has finished closing, a moment after the client's close.</summary>
    private async Task<TestSocket> ConnectEventuallyAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var socket = await _server.ConnectAsync("per-user");
            var first = await socket.ReceiveAsync();
            if (first?.GetProperty("type").GetString() == "connection")
            {
                await socket.ReceiveTypeAsync("unread_count");
                return socket;
            }

            await socket.DisposeAsync();
            Assert.True(attempt < 50, "The freed connection slot was never released.");
            await Task.Delay(50);
        }
    }
}
