using System.ComponentModel.DataAnnotations;

namespace Friday.Infrastructure.Realtime.Security;

/// <summary>
/// Per-connection and per-user limits and the token-expiry warning. Bound to the <c>Realtime</c>
/// section beside <see cref="RealtimeOptions"/>; kept apart because it is one concern: abuse.
/// </summary>
public sealed class RealtimeSecurityOptions
{
    /// <summary>How long before its token expires a connection is told <c>token_expiring</c>.</summary>
    [Range(1, 86_400)]
    public int TokenExpiryWarningSeconds { get; set; } = 60;

    /// <summary>Messages a connection may send at once after being quiet (the token bucket's size).</summary>
    [Range(1, 100_000)]
    public int MessageBurst { get; set; } = 50;

    /// <summary>Sustained messages per second per connection (the bucket's refill rate).</summary>
    [Range(1, 100_000)]
    public int MessagesPerSecond { get; set; } = 20;

    /// <summary>
    /// Rejected messages within <see cref="RateLimitCloseWindowSeconds"/>, not counting those of the
    /// grace period, after which the connection is closed with 1008.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RateLimitCloseAfterRejected { get; set; } = 50;

    /// <summary>The window opened by a rejection; the next rejection after it opens a new one.</summary>
    [Range(1, 3_600)]
    public int RateLimitCloseWindowSeconds { get; set; } = 10;

    /// <summary>
    /// How long after the first rejection of a window rejections are answered but not counted: the
    /// client's time to see <c>rate_limited</c> and slow down. Less than the window (checked at start).
    /// </summary>
    [Range(0, 3_599)]
    public int RateLimitCloseGraceSeconds { get; set; } = 1;

    /// <summary>
    /// Open connections one user may hold on this node, counted by client id; one more is told
    /// <c>forbidden</c> and closed with 1008. One replacing a connection of the same client id is admitted.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxConnectionsPerUser { get; set; } = 20;

    /// <summary>
    /// Open WebSockets on this node, all users and anonymous connections together; 0: no cap. One
    /// more is refused with 503 before the upgrade. No cap by default: the right number follows from
    /// the node's memory and open-file limit, which Friday cannot know (docs/security.md).
    /// </summary>
    [Range(0, 10_000_000)]
    public int MaxConnections { get; set; }
}
