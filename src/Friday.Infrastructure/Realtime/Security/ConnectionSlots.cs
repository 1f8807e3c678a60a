using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Realtime.Security;

/// <summary>
/// The node's connection cap (<see cref="RealtimeSecurityOptions.MaxConnections"/>, 0: none): one slot
/// per WebSocket, taken before the upgrade and held until the socket has ended, on both ways a socket
/// opens. Past it the upgrade is refused with 503, so a full node spends no socket on a refusal.
/// </summary>
internal sealed class ConnectionSlots(IOptions<RealtimeSecurityOptions> options) : IDisposable
{
    /// <summary>Sent as <c>Retry-After</c>: slots free as sockets close, so the hint is short; clients add their own jittered backoff.</summary>
    public const int RetryAfterSeconds = 5;

    // Without a cap, the runtime's no-op limiter: its one shared lease costs a connection nothing.
    private readonly RateLimiter _limiter = options.Value.MaxConnections > 0
        ? new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = options.Value.MaxConnections, QueueLimit = 0 })
        : RateLimitPartition.GetNoLimiter(0).Factory(0);

    public int Max => options.Value.MaxConnections;

    /// <summary>A slot to dispose when the socket has ended, or null when the node is full.</summary>
    public IDisposable? TryTake()
    {
        var lease = _limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    public void Dispose() => _limiter.Dispose();
}
