using System.Net.WebSockets;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Shutdown_ShouldCloseEveryConnectionWith1001()
    {
        var server = new FridayServer();
        var sockets = new List<TestSocket>();
        for (var i = 0; i < 3; i++)
        {
            sockets.Add(await server.ConnectReadyAsync($"shutdown-{i}"));
        }

        var closes = sockets.Select(s => s.ReceiveCloseAsync(TimeSpan.FromSeconds(20))).ToList();
        await server.DisposeAsync();
        var statuses = await Task.WhenAll(closes);

        Assert.All(statuses, s => Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, s));
        foreach (var socket in sockets)
        {
            await socket.DisposeAsync();
        }
    }
}
