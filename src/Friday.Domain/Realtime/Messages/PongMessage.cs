namespace Friday.Domain.Realtime.Messages;

public sealed record PongMessage : WebSocketMessage
{
    public override WebSocketMessageType Type => WebSocketMessageType.Pong;
}
