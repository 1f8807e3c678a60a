using Friday.Domain.Common;

namespace Friday.Domain.Notifications;

public sealed record NotificationCreated(Notification Notification) : IDomainEvent;
