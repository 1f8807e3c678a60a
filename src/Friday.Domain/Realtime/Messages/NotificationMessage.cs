namespace Friday.Domain.Realtime.Messages;

/// <summary>A user's notification, or a broadcast on a public topic.</summary>
/// <param name="NotificationType">For public broadcasts, the <c>type</c> the publisher gave.</param>
public sealed record NotificationMessage(long Seq, string Topic, string Message, string? NotificationType, object? Data, DateTimeOffset Timestamp)
    : WebSocketMessage, IStreamEvent
{
    public override WebSocketMessageType Type => WebSocketMessageType.Notification;
}
