namespace Friday.Domain.Realtime.Messages;

/// <param name="Data">The entity as the REST API returns it; null for <c>deleted</c>.</param>
public sealed record DataChangedMessage(long Seq, string Topic, string Entity, string Action, Guid Id, object? Data, DateTimeOffset Timestamp)
    : WebSocketMessage, IStreamEvent
{
    public override WebSocketMessageType Type => WebSocketMessageType.DataChanged;
}
