using Friday.Infrastructure.Realtime;

namespace Friday.WebApi.Security;

/// <summary>
/// Applies <see cref="ConnectionAttemptLimiter"/> to the endpoints marked <see cref="ConnectionRateLimited"/>,
/// before authentication, so that a connect storm is refused without validating a token per attempt.
/// </summary>
internal sealed class ConnectionRateLimitMiddleware(RequestDelegate next, ConnectionAttemptLimiter limiter, RealtimeMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<ConnectionRateLimited>() is null || limiter.TryAcquire(context.Connection.RemoteIpAddress))
        {
            return next(context);
        }

        metrics.Refused(StatusCodes.Status429TooManyRequests, RefusalReasons.RateLimited);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many connection attempts",
            detail: $"At most {limiter.PermitsPerMinute} WebSocket connections per minute from one address.").ExecuteAsync(context);
    }
}
