using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Realtime.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Realtime;

/// <summary>Sends every open connection the same heartbeat bytes once per interval.</summary>
internal sealed class HeartbeatService(WebSocketManager manager, IOptions<RealtimeOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HeartbeatIntervalSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var payload = MessageSerializer.Serialize(new HeartbeatMessage(clock.GetUtcNow()));
                foreach (var connection in manager.Connections)
                {
                    connection.TryEnqueue(payload);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping: ending here is the normal way out, and shutdown closes the connections.
        }
    }
}
