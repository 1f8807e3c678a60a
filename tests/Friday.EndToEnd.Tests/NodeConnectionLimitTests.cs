using System.Net;
using System.Net.WebSockets;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>Realtime:MaxConnections on both ways a socket opens: on the connection, below HTTP, and through the pipeline.</summary>
public sealed class NodeConnectionLimitTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ConnectionPastTheNodeLimit_ShouldBe503WithRetryAfterBeforeTheUpgrade_AndAFreedSlotBeReused(bool onConnection)
    {
        await using var server = new FridayServer();
        server.Settings["Realtime:UpgradeOnConnection"] = onConnection ? "true" : "false";
        server.Settings["Realtime:MaxConnections"] = "2";

        var first = await server.ConnectReadyAsync("node-limit-a");
        await using var second = await server.ConnectReadyAsync("node-limit-b");

        using var refused = await TryConnectAsync(server, "node-limit-c");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.HttpStatusCode);
        Assert.Equal("5", Assert.Single(refused.HttpResponseHeaders!["Retry-After"]));

        await first.DisposeAsync();
        await using var admitted = await ConnectEventuallyAsync(server, "node-limit-c");
        await admitted.SendAsync(new { type = "ping", id = "in" });
        Assert.Equal("in", (await admitted.ReceiveTypeAsync("pong")).GetProperty("reply_to").GetString());
    }

    /// <summary>A client socket that keeps the HTTP status and headers of a refused upgrade.</summary>
    private static async Task<ClientWebSocket> TryConnectAsync(FridayServer server, string userId)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(server.WebSocketUri(query: $"token={server.TokenFor(userId)}"), CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // Refused before the upgrade: the caller reads the status.
        }

        return socket;
    }

    /// <summary>The server frees the slot when it has finished closing, a moment after the client's close.</summary>
    private static async Task<TestSocket> ConnectEventuallyAsync(FridayServer server, string userId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var socket = await TryConnectAsync(server, userId);
            if (socket.State == WebSocketState.Open)
            {
                var ready = new TestSocket(socket);
                await ready.ReceiveTypeAsync("unread_count");
                return ready;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, socket.HttpStatusCode);
            socket.Dispose();
            Assert.True(attempt < 50, "The freed connection slot was never released.");
            await Task.Delay(50);
        }
    }
}
