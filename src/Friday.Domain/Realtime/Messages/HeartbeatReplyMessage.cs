namespace Friday.Domain.Realtime.Messages;

/// <summary>The answer to a client's <c>heartbeat</c>.</summary>
public sealed record HeartbeatReplyMessage : WebSocketMessage
{
    public override WebSocketMessageType Type => WebSocketMessageType.Heartbeat;

    public string Status { get; init; } = "alive";
}
