namespace Friday.Application.Notifications.Commands;

public sealed record NotifiedUser(string UserId, Guid NotificationId);
