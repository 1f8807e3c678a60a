using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Realtime.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Realtime;

/// <summary>
/// Once per interval, for every open connection at once: sends the heartbeat message with a ping frame
/// after it in the same write, and aborts a connection whose peer has sent nothing, not even a pong, for
/// three intervals (PROTOCOL.md). One timer for all sockets instead of a keep-alive timer in each: 10,000
/// idle sockets cost one wake-up per interval, not ten thousand spread across it.
/// </summary>
internal sealed partial class HeartbeatService(WebSocketManager manager, IOptions<RealtimeOptions> options, TimeProvider clock, ILogger<HeartbeatService> logger) : BackgroundService
{
    /// <summary>How many intervals of silence end a connection.</summary>
    private const int SilentIntervals = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.HeartbeatIntervalSeconds);
        var silenceLimit = (long)(interval * SilentIntervals).TotalMilliseconds;
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var payload = MessageSerializer.Serialize(new HeartbeatMessage(clock.GetUtcNow()));
                var now = Environment.TickCount64;
                foreach (var connection in manager.Connections)
                {
                    var silence = now - connection.LastHeardAt;
                    if (silence >= silenceLimit)
                    {
                        LogSilent(logger, connection.Id, TimeSpan.FromMilliseconds(silence));
                        connection.Socket.Abort();
                        continue;
                    }

                    connection.TryEnqueueHeartbeat(payload);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping: ending here is the normal way out, and shutdown closes the connections.
        }
    }

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "WebSocket {ClientId} aborted: nothing heard from it, not even a pong, for {Silence}")]
    private static partial void LogSilent(ILogger logger, string clientId, TimeSpan silence);
}
