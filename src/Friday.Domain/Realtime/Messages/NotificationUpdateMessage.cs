namespace Friday.Domain.Realtime.Messages;

public sealed record NotificationUpdateMessage(NotificationUpdateData Data) : WebSocketMessage
{
    public override WebSocketMessageType Type => WebSocketMessageType.NotificationUpdate;
}

public sealed record NotificationUpdateData(Guid NotificationId, string Status);
