using System.Collections.Concurrent;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Realtime.Inbound;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Realtime.Security;

/// <summary>
/// Admits connections within the per-user limit (<see cref="UserConnectionLimit"/>) and keeps each one's <see cref="ConnectionGuard"/>,
/// so the receive loop and the <c>auth</c> message find it.
/// </summary>
internal sealed class ConnectionGuards(IOptions<RealtimeSecurityOptions> options, ConnectionTokenValidator tokens, TimeProvider clock)
{
    private readonly ConcurrentDictionary<WebSocketConnection, ConnectionGuard> _guards = new();
    private readonly UserConnectionLimit _perUser = new(options.Value.MaxConnectionsPerUser);

    public int MaxConnectionsPerUser => _perUser.Max;

    /// <summary>
    /// Null when the user already holds the most connections allowed, not counting one this connection
    /// replaces (same client id); dispose the guard when the connection ends.
    /// <paramref name="tokenExpiresAt"/> is when the connect token expires (null: anonymous).
    /// </summary>
    public ConnectionGuard? Admit(WebSocketConnection connection, DateTimeOffset? tokenExpiresAt)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.UserId is { } userId && !_perUser.TryAdd(userId, connection.Id))
        {
            return null;
        }

        var guard = new ConnectionGuard(connection, tokenExpiresAt, options.Value, clock, Release);
        _guards[connection] = guard;
        return guard;
    }

    /// <summary>False when the message must be dropped (rate limited, or the connection is being closed for flooding).</summary>
    public bool AdmitMessage(WebSocketConnection connection, ReadOnlySpan<byte> utf8) =>
        !_guards.TryGetValue(connection, out var guard) || guard.AdmitMessage(utf8);

    /// <summary>
    /// The client's <c>auth</c>: a valid token for the same user extends the connection's life. A bad
    /// token is answered and the connection lives on until the current token's expiry.
    /// </summary>
    public async Task RenewAsync(WebSocketConnection connection, ClientMessage message)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(message);
        if (connection.UserId is null || !_guards.TryGetValue(connection, out var guard))
        {
            throw new RealtimeException(ErrorCodes.Forbidden, "An anonymous connection cannot sign in: reconnect with a token.");
        }

        var token = await tokens.ValidateAsync(message.Token!)
            ?? throw new RealtimeException(ErrorCodes.Unauthorized, "The token is not valid; the connection keeps its current token until that expires.");
        if (!string.Equals(token.Subject, connection.UserId, StringComparison.Ordinal))
        {
            throw new RealtimeException(ErrorCodes.Forbidden, "The token is for another user: a connection keeps its user.");
        }

        guard.Extend(token.ExpiresAt);
        ClientMessageHandler.Reply(connection, new AuthMessage(AuthMessage.Ok, token.ExpiresAt) { ReplyTo = message.Id });
    }

    private void Release(ConnectionGuard guard)
    {
        _guards.TryRemove(guard.Connection, out _);
        if (guard.Connection.UserId is { } userId)
        {
            _perUser.Remove(userId, guard.Connection.Id);
        }
    }
}
