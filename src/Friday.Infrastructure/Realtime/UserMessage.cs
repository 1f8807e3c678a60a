namespace Friday.Infrastructure.Realtime;

/// <summary>
/// A message for every connection of one user, serialised once so it can cross to other nodes as is.
/// </summary>
/// <param name="NotificationType">Set for a user's notification: connections filtering by type may skip it.</param>
/// <param name="ExceptConnectionId">The connection that asked, which gets its own answer instead.</param>
internal sealed record UserMessage(string UserId, byte[] Payload, string? NotificationType, string? ExceptConnectionId);
