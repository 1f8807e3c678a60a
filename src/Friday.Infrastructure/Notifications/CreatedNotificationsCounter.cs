using Friday.Application.Common.Events;
using Friday.Domain.Notifications;
using Friday.Infrastructure.Realtime;
using MediatR;

namespace Friday.Infrastructure.Notifications;

/// <summary>
/// Counts each notification on the node that created it, once its transaction committed: domain
/// events reach MediatR handlers only then, so a rolled-back notification is never counted.
/// </summary>
internal sealed class CreatedNotificationsCounter(RealtimeMetrics metrics) : INotificationHandler<DomainEventNotification<NotificationCreated>>
{
    public Task Handle(DomainEventNotification<NotificationCreated> notification, CancellationToken cancellationToken)
    {
        metrics.NotificationCreated();
        return Task.CompletedTask;
    }
}
