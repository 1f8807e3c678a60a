using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Friday.WebApi.Security;

/// <summary>
/// Caps WebSocket upgrade attempts per client IP, so one host cannot exhaust the server with connect
/// storms. Behind a proxy the IP is the proxy's unless forwarded headers are configured (docs/security.md).
/// </summary>
internal static class ConnectionRateLimit
{
    public const string PolicyName = "websocket-connect";

    public static void Configure(RateLimiterOptions limiter, IOptions<SecurityOptions> security)
    {
        var permits = security.Value.ConnectionsPerIpPerMinute;
        limiter.AddPolicy(PolicyName, http => RateLimitPartition.GetSlidingWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = (context, _) => new ValueTask(TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many connection attempts",
            detail: $"At most {permits} WebSocket connections per minute from one address.").ExecuteAsync(context.HttpContext));
    }
}
