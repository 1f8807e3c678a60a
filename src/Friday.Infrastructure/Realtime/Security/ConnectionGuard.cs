using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Realtime.Inbound;

namespace Friday.Infrastructure.Realtime.Security;

/// <summary>
/// Holds one connection to its limits: the inbound message rate and the lifetime of its token. A
/// token about to expire earns a <c>token_expiring</c> warning; if no fresh token arrives by the
/// expiry the connection is closed with 4001, as an expired token at connect would be.
/// </summary>
internal sealed class ConnectionGuard : IDisposable
{
    private readonly WebSocketConnection _connection;
    private readonly MessageRateLimiter _rate;
    private readonly TimeSpan _warning;
    private readonly TimeProvider _clock;
    private readonly Action<ConnectionGuard> _release;
    private readonly ITimer? _expiry;
    private readonly Lock _lock = new();
    private DateTimeOffset _expiresAt;
    private bool _warned;
    private bool _disposed;

    public ConnectionGuard(WebSocketConnection connection, DateTimeOffset? expiresAt, RealtimeSecurityOptions options, TimeProvider clock, Action<ConnectionGuard> release)
    {
        _connection = connection;
        _rate = new MessageRateLimiter(options, clock);
        _warning = TimeSpan.FromSeconds(options.TokenExpiryWarningSeconds);
        _clock = clock;
        _release = release;
        if (expiresAt is { } expiry)
        {
            _expiresAt = expiry;
            _expiry = clock.CreateTimer(_ => OnExpiryTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Schedule();
        }
    }

    public WebSocketConnection Connection => _connection;

    /// <summary>False when the message must be dropped; the client has then been told, or closed for flooding.</summary>
    /// <param name="utf8">The message, read only for its <c>id</c> when it is dropped.</param>
    public bool AdmitMessage(ReadOnlySpan<byte> utf8)
    {
        switch (_rate.Next())
        {
            case MessageVerdict.Accepted:
                return true;
            case MessageVerdict.RateLimited:
                ClientMessageHandler.Reply(_connection, new ErrorMessage(ErrorCodes.RateLimited, "Too many messages: this one was dropped. Slow down.") { ReplyTo = ClientMessageParser.PeekId(utf8) });
                return false;
            default:
                _connection.Close(CloseCodes.PolicyViolation, "Message rate limit exceeded repeatedly.", drainQueue: false);
                return false;
        }
    }

    /// <summary>A fresh token for the same user moves the expiry; the warning is given again before the new one.</summary>
    public void Extend(DateTimeOffset expiresAt)
    {
        lock (_lock)
        {
            _expiresAt = expiresAt;
            _warned = false;
            Schedule();
        }
    }

    public void Dispose()
    {
        // Under the lock: a timer callback already running finishes before the connection is disposed.
        lock (_lock)
        {
            _disposed = true;
        }

        _expiry?.Dispose();
        _release(this);
    }

    private void OnExpiryTimer()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var remaining = _expiresAt - _clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                ClientMessageHandler.Reply(_connection, new ErrorMessage(ErrorCodes.Unauthorized, "The token expired: reconnect with a new one."));
                _connection.Close(CloseCodes.Unauthorized, "Token expired.", drainQueue: true);
                return;
            }

            if (!_warned)
            {
                _warned = true;
                ClientMessageHandler.Reply(_connection, new ErrorMessage(ErrorCodes.TokenExpiring, "The token expires soon: send {\"type\":\"auth\",\"token\":\"…\"} with a fresh one to stay connected.") { ExpiresAt = _expiresAt });
            }

            Schedule();
        }
    }

    private void Schedule()
    {
        var due = (_warned ? _expiresAt : _expiresAt - _warning) - _clock.GetUtcNow();
        _expiry?.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
