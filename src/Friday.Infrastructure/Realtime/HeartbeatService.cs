using System.Runtime.CompilerServices;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Realtime.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Realtime;

/// <summary>
/// Once per interval for every open connection: sends the heartbeat message with a ping frame after it
/// in the same write, and aborts a connection whose peer has sent nothing, not even a pong, for three
/// intervals (PROTOCOL.md). One timer for all sockets instead of a keep-alive timer in each: 10,000 idle
/// sockets cost a few wake-ups per interval, not ten thousand. The interval is cut into slices and each
/// tick serves one slice of the connections, so that 10,000 heartbeats and their pongs do not all land
/// in the same instant in front of live traffic.
/// </summary>
internal sealed partial class HeartbeatService(WebSocketManager manager, IOptions<RealtimeOptions> options, TimeProvider clock, ILogger<HeartbeatService> logger) : BackgroundService
{
    /// <summary>How many intervals of silence end a connection.</summary>
    private const int SilentIntervals = 3;

    /// <summary>Ticks per interval; a connection's slice is fixed for its life, so it is served once per interval.</summary>
    private const int Slices = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.HeartbeatIntervalSeconds);
        var silenceLimit = (long)(interval * SilentIntervals).TotalMilliseconds;
        using var timer = new PeriodicTimer(interval / Slices, clock);
        var slice = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var payload = MessageSerializer.Serialize(new HeartbeatMessage(clock.GetUtcNow()));
                var now = Environment.TickCount64;
                foreach (var connection in manager.Connections)
                {
                    if (SliceOf(connection) != slice)
                    {
                        continue;
                    }

                    var silence = now - connection.LastHeardAt;
                    if (silence >= silenceLimit)
                    {
                        LogSilent(logger, connection.Id, TimeSpan.FromMilliseconds(silence));
                        connection.Socket.Abort();
                        continue;
                    }

                    connection.TryEnqueueHeartbeat(payload);
                }

                slice = (slice + 1) % Slices;
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping: ending here is the normal way out, and shutdown closes the connections.
        }
    }

    private static int SliceOf(WebSocketConnection connection) => (int)((uint)RuntimeHelpers.GetHashCode(connection) % Slices);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "WebSocket {ClientId} aborted: nothing heard from it, not even a pong, for {Silence}")]
    private static partial void LogSilent(ILogger logger, string clientId, TimeSpan silence);
}
