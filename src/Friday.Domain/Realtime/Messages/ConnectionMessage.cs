namespace Friday.Domain.Realtime.Messages;

public sealed record ConnectionMessage(string ClientId, string? UserId, int HeartbeatInterval, long LastSeq, DateTimeOffset Timestamp) : WebSocketMessage
{
    public override WebSocketMessageType Type => WebSocketMessageType.Connection;

    public string Status { get; init; } = "connected";
}
