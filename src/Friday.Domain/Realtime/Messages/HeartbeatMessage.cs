namespace Friday.Domain.Realtime.Messages;

/// <summary>The server's own heartbeat, every <c>heartbeat_interval</c> seconds.</summary>
public sealed record HeartbeatMessage(DateTimeOffset Timestamp) : WebSocketMessage
{
    public override WebSocketMessageType Type => WebSocketMessageType.Heartbeat;
}
