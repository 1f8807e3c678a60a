namespace Friday.Infrastructure.Realtime.Security;

/// <summary>What <see cref="MessageRateLimiter"/> makes of one inbound message.</summary>
internal enum MessageVerdict
{
    Accepted,

    /// <summary>Dropped and answered <c>rate_limited</c>.</summary>
    RateLimited,

    /// <summary>Past the rejections allowed in the window: the connection is closed with 1008.</summary>
    Abusive,
}
