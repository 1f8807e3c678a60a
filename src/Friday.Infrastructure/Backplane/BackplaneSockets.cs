using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Realtime;

namespace Friday.Infrastructure.Backplane;

/// <summary>
/// The <see cref="IWebSocketManager"/> the application sees. A user may hold connections on several
/// nodes, so what is sent to a user (<c>notification_update</c>, <c>unread_count</c>) goes through the
/// backplane; the rest concerns connections of this node only. Counts are those of this node.
/// </summary>
internal sealed class BackplaneSockets(WebSocketManager local, IStreamBackplane backplane) : IWebSocketManager
{
    public int ConnectionCount => local.ConnectionCount;

    public int SubscriptionCount => local.SubscriptionCount;

    public bool SendToConnection(string connectionId, WebSocketMessage message) => local.SendToConnection(connectionId, message);

    public int SendToUser(string userId, WebSocketMessage message, string? exceptConnectionId = null) =>
        backplane.PublishToUser(WebSocketManager.ToUser(userId, message, exceptConnectionId));

    public int SendToAudience(Audience audience, WebSocketMessage message) => local.SendToAudience(audience, message);

    public int SendStream(StreamEnvelope envelope) => backplane.Publish(envelope);

    public int SendToAll(WebSocketMessage message) => local.SendToAll(message);

    public int DisconnectUser(string userId, int closeCode, string reason) => local.DisconnectUser(userId, closeCode, reason);

    public bool IsUserConnected(string userId) => local.IsUserConnected(userId);
}
