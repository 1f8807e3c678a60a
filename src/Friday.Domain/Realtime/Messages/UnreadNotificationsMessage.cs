namespace Friday.Domain.Realtime.Messages;

public sealed record UnreadNotificationsMessage(int Count, IReadOnlyList<object> Notifications) : WebSocketMessage
{
    public override WebSocketMessageType Type => WebSocketMessageType.UnreadNotifications;
}
