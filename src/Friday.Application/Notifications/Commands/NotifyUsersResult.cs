namespace Friday.Application.Notifications.Commands;

/// <summary>The notifications created, one per distinct recipient, in the order the recipients were named.</summary>
public sealed record NotifyUsersResult(IReadOnlyList<NotifiedUser> Notifications);
