namespace Friday.Domain.Realtime.Messages;

public sealed record UnreadCountMessage(UnreadCountData Data) : WebSocketMessage
{
    public override WebSocketMessageType Type => WebSocketMessageType.UnreadCount;
}
