namespace Friday.Domain.Realtime.Messages;

public sealed record NotificationUpdateData(Guid NotificationId, string Status);
