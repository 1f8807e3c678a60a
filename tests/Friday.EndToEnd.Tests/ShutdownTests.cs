using System.Net;
using System.Net.WebSockets;
using Friday.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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

    /// <summary>
    /// The window between "stopping" and the listener closing: a connection accepted then would outlive
    /// the shutdown that already closed the others. The host waits for every stopping callback before
    /// it stops the server, so a callback of the test's holds the window open.
    /// </summary>
    [Fact]
    public async Task NewConnection_OnceStoppingHasBegun_ShouldBeRefusedWith503()
    {
        await using var server = new FridayServer();
        await using var open = await server.ConnectReadyAsync("shutdown-before");
        var token = server.TokenFor("shutdown-late");
        var lifetime = server.Services.GetRequiredService<IHostApplicationLifetime>();
        var begun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var window = new ManualResetEventSlim();
        using var hold = lifetime.ApplicationStopping.Register(() =>
        {
            begun.SetResult();
            window.Wait(TimeSpan.FromSeconds(30));
        });

        var stopping = Task.Run(lifetime.StopApplication);
        await begun.Task;
        using var late = new ClientWebSocket();
        late.Options.CollectHttpResponseDetails = true;
        var refused = await Record.ExceptionAsync(() => late.ConnectAsync(server.WebSocketUri(query: $"token={token}"), CancellationToken.None));
        window.Set();
        await stopping;

        Assert.IsType<WebSocketException>(refused);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, late.HttpStatusCode);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await open.ReceiveCloseAsync());
    }
}
