namespace Friday.Domain.Realtime;

/// <summary>
/// A committed stream event ready for the wire: its <c>seq</c>, who may receive it, and the bytes
/// every receiver is sent (serialised once, <c>seq</c> included).
/// </summary>
/// <param name="NotificationType">For a user's notification, its type: connection filters apply to it.</param>
/// <param name="NotificationId">For a user's notification, its id: the node that hands it to a connection records it as delivered.</param>
public sealed record StreamEnvelope(long Seq, Audience Audience, string? NotificationType, byte[] Payload, Guid? NotificationId = null);
