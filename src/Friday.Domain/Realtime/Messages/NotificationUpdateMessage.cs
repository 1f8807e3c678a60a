namespace Friday.Domain.Realtime.Messages;

public sealed record NotificationUpdateMessage(NotificationUpdateData Data) : WebSocketMessage
{
    public override WebSocketMessageType Type => WebSocketMessageType.NotificationUpdate;
}
