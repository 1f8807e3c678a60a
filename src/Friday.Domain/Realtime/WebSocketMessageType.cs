namespace Friday.Domain.Realtime;

/// <summary>
/// Every <c>type</c> on the wire (PROTOCOL.md). The wire spelling is the snake_case of the name.
/// </summary>
public enum WebSocketMessageType
{
    Connection,
    Ping,
    Pong,
    Heartbeat,
    Subscribe,
    Unsubscribe,
    Subscription,
    GetUnreadCount,
    GetUnread,
    MarkRead,
    Resume,
    Resumed,
    Auth,
    Error,
    DataChanged,
    Notification,
    NotificationUpdate,
    UnreadCount,
    UnreadNotifications,
}
