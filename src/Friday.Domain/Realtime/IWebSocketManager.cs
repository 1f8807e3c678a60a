using Friday.Domain.Realtime.Messages;

namespace Friday.Domain.Realtime;

/// <summary>
/// The port through which the application reaches open connections. Sends never wait for a slow
/// socket: a message is queued, and a connection that cannot keep up is closed instead.
/// </summary>
public interface IWebSocketManager
{
    /// <summary>Open connections on this node.</summary>
    int ConnectionCount { get; }

    /// <summary>Topic memberships across the open connections on this node.</summary>
    int SubscriptionCount { get; }

    /// <summary>Returns false when no such connection is open.</summary>
    bool SendToConnection(string connectionId, WebSocketMessage message);

    /// <summary>Every open connection of one user, but the one excepted; returns how many received it.</summary>
    int SendToUser(string userId, WebSocketMessage message, string? exceptConnectionId = null);

    /// <summary>
    /// Connections entitled to the audience; a connection subscribed to several of its topics receives
    /// the message once. Returns how many received it.
    /// </summary>
    int SendToAudience(Audience audience, WebSocketMessage message);

    /// <summary>
    /// A committed stream event to the connections entitled to it, in <c>seq</c> order per connection;
    /// a connection that is replaying history holds it until the replay is done. Returns how many received it.
    /// </summary>
    int SendStream(StreamEnvelope envelope);

    /// <summary>Every open connection; returns how many received it.</summary>
    int SendToAll(WebSocketMessage message);

    /// <summary>Closes every connection of the user; returns how many were closed.</summary>
    int DisconnectUser(string userId, int closeCode, string reason);

    /// <summary>Whether the user has at least one open connection on this node.</summary>
    bool IsUserConnected(string userId);
}
