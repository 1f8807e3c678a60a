using Friday.Application.Common.Events;
using Friday.Application.Realtime;
using Friday.Domain.Notifications;

namespace Friday.Application.Notifications;

/// <summary>
/// Writes a new notification's <c>notification</c> stream event with it: delivered to every open
/// connection of the user once committed, replayable on resume, and still pending for one who has none.
/// </summary>
public sealed class NotificationEvents(IStreamOutbox outbox, TimeProvider clock) : IPreCommitHandler<NotificationCreated>
{
    public void Handle(NotificationCreated domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var notification = domainEvent.Notification;
        outbox.Add(NotificationMessages.AudienceOf(notification), NotificationMessages.Notification(notification, 0, clock.GetUtcNow()), notification.Id);
    }
}
