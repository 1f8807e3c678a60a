using Friday.Application.Common.Events;
using Friday.Application.Common.Interfaces;
using Friday.Application.Realtime;
using Friday.Domain.Notifications;
using Friday.Domain.Realtime;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Notifications.EventHandlers;

/// <summary>
/// Delivers a committed notification to every open connection of its user whose filter lets it
/// through. If none took it, it stays pending and goes out on the user's next connect.
/// </summary>
public sealed class DeliverNotification(IWebSocketManager sockets, IStreamSequence sequence, IFridayDbContext db, TimeProvider clock)
    : INotificationHandler<DomainEventNotification<NotificationCreated>>
{
    public async Task Handle(DomainEventNotification<NotificationCreated> notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var created = notification.DomainEvent.Notification;
        var now = clock.GetUtcNow();
        var delivered = sockets.SendToAudience(NotificationMessages.AudienceOf(created), NotificationMessages.Notification(created, sequence.Issue(), now));
        if (delivered > 0)
        {
            await db.Notifications.Where(n => n.Id == created.Id && n.DeliveredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.DeliveredAt, now), cancellationToken);
        }
    }
}
