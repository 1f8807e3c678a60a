using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Friday.WebApi.Security;

/// <summary>
/// Caps WebSocket upgrade attempts per client IP, so one host cannot exhaust the server with connect
/// storms. One limiter for both ways a socket opens, the HTTP endpoints and the connection-level
/// upgrade, so that neither doubles the other's allowance. Behind a proxy the IP is the proxy's unless
/// forwarded headers are configured (docs/security.md).
/// </summary>
internal sealed class ConnectionAttemptLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ConnectionAttemptLimiter(IOptions<SecurityOptions> security)
    {
        ArgumentNullException.ThrowIfNull(security);
        PermitsPerMinute = security.Value.ConnectionsPerIpPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetSlidingWindowLimiter(
            address,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = PermitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));
    }

    public int PermitsPerMinute { get; }

    /// <summary>Counts one attempt from <paramref name="address"/>; false when it is one too many.</summary>
    public bool TryAcquire(IPAddress? address)
    {
        // A window limiter's permits come back with time, not with the lease.
        using var lease = _limiter.AttemptAcquire(address?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
