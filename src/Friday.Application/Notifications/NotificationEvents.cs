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
        Add(outbox, domainEvent.Notification, clock.GetUtcNow());
    }

    /// <summary>Adds the notification's stream event to the unit of work of <paramref name="outbox"/>.</summary>
    public static void Add(IStreamOutbox outbox, Notification notification, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(notification);
        outbox.Add(NotificationMessages.AudienceOf(notification), NotificationMessages.Notification(notification, 0, now), notification.Id);
    }
}
