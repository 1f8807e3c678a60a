using Friday.Domain.Realtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Friday.Infrastructure.Realtime;

/// <summary>
/// Closes every connection with 1001 as soon as the application starts stopping: the server waits
/// for open requests before it stops, and a WebSocket is one until it closes.
/// </summary>
internal sealed class GracefulShutdown(WebSocketManager manager, IHostApplicationLifetime lifetime, ILogger<GracefulShutdown> logger) : IHostedService
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(() =>
        {
            RealtimeLog.ShuttingDown(logger, manager.ConnectionCount);
            manager.CloseAll(CloseCodes.GoingAway, "The server is shutting down.");
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _registration.DisposeAsync().AsTask();
}
