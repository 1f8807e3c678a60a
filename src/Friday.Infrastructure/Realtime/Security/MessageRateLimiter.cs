namespace Friday.Infrastructure.Realtime.Security;

/// <summary>
/// A token bucket for one connection's inbound messages, plus a count of rejections that marks a
/// client ignoring <c>rate_limited</c>. Refilled from timestamps, not a timer: thousands of idle
/// connections cost nothing. Only the connection's receive loop calls it, so it needs no lock.
/// </summary>
internal sealed class MessageRateLimiter
{
    private readonly RealtimeSecurityOptions _options;
    private readonly TimeProvider _clock;
    private double _tokens;
    private long _refilledAt;
    private int _rejected;
    private long _rejectionWindowStart;

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

        if (_rejected == 0 || _clock.GetElapsedTime(_rejectionWindowStart, now) > TimeSpan.FromSeconds(_options.RateLimitCloseWindowSeconds))
        {
            _rejectionWindowStart = now;
            _rejected = 0;
        }

        return ++_rejected >= _options.RateLimitCloseAfterRejected ? MessageVerdict.Abusive : MessageVerdict.RateLimited;
    }
}
