namespace Friday.Bench.Micro;

/// <summary>
/// Stands in for the server's notification message until the real type lands, with the same shape
/// as PROTOCOL.md's <c>notification</c> so the serialiser does comparable work.
/// </summary>
public sealed record NotificationMessage(
    string Type,
    long Seq,
    string Topic,
    string Message,
    string NotificationType,
    NotificationData Data,
    DateTimeOffset Timestamp);

public sealed record NotificationData(string NotificationId, string Title, string Message, string NotificationType, DateTimeOffset CreatedAt);
