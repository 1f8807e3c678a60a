using Friday.Domain.Notifications;
using Friday.Infrastructure.EventLog;

namespace Friday.Infrastructure.Notifications;

/// <summary>An unread notification no connection was sent yet, with its stream event; null when the log no longer holds it.</summary>
internal sealed record PendingNotification(Notification Notification, StreamEvent? Event);
