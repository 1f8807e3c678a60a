namespace Friday.Domain.Realtime.Messages;

/// <param name="Status"><c>subscribed</c> or <c>unsubscribed</c>.</param>
public sealed record SubscriptionMessage(string Topic, string Status) : WebSocketMessage
{
    public const string Subscribed = "subscribed";
    public const string Unsubscribed = "unsubscribed";

    public override WebSocketMessageType Type => WebSocketMessageType.Subscription;

    /// <summary>For a change of the <c>notifications</c> filter: the types it now lets through (empty: all).</summary>
    public IReadOnlyList<string>? NotificationTypes { get; init; }
}
