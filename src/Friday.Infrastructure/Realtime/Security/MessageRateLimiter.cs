namespace Friday.Infrastructure.Realtime.Security;

/// <summary>
/// A token bucket for one connection's inbound messages, plus a count of rejections that marks a
/// client ignoring <c>rate_limited</c>. Refilled from timestamps, not a timer: thousands of idle
/// connections cost nothing. Only the connection's receive loop calls it, so it needs no lock.
/// </summary>
/// <remarks>
/// A burst sent at once (a client resubscribing to its hundred topics) is read before the client can
/// have seen a single <c>rate_limited</c>, so rejections are not held against it until the grace
/// period after the first rejection of the window has passed: from then on every rejection counts,
/// and reaching the threshold within the window makes the connection abusive. A real flooder is thus
/// closed about a grace period later than the bare count would close it; one burst only earns replies.
/// </remarks>
internal sealed class MessageRateLimiter
{
    private readonly RealtimeSecurityOptions _options;
    private readonly TimeProvider _clock;
    private double _tokens;
    private long _refilledAt;
    private long? _rejectionWindowStart;
    private int _rejected;

    public MessageRateLimiter(RealtimeSecurityOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        _tokens = options.MessageBurst;
        _refilledAt = clock.GetTimestamp();
    }

    public MessageVerdict Next()
    {
        var now = _clock.GetTimestamp();
        _tokens = Math.Min(_options.MessageBurst, _tokens + (_clock.GetElapsedTime(_refilledAt, now).TotalSeconds * _options.MessagesPerSecond));
        _refilledAt = now;
        if (_tokens >= 1)
        {
            _tokens--;
            return MessageVerdict.Accepted;
        }

        if (_rejectionWindowStart is not { } start || _clock.GetElapsedTime(start, now) > TimeSpan.FromSeconds(_options.RateLimitCloseWindowSeconds))
        {
            _rejectionWindowStart = start = now;
            _rejected = 0;
        }

        if (_clock.GetElapsedTime(start, now) < TimeSpan.FromSeconds(_options.RateLimitCloseGraceSeconds))
        {
            return MessageVerdict.RateLimited;
        }

        return ++_rejected >= _options.RateLimitCloseAfterRejected ? MessageVerdict.Abusive : MessageVerdict.RateLimited;
    }
}
