using Friday.Application.Common.Events;
using Friday.Application.Common.Interfaces;
using Friday.Domain.Common;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using MediatR;

namespace Friday.Application.Realtime;

/// <summary>
/// Turns a committed change of any owned entity into one <c>data_changed</c> for the owner's
/// connections subscribed to the entity's collection topic or its own topic.
/// </summary>
public sealed class DataChangedPublisher<TEntity>(
    IWebSocketManager sockets,
    ISnapshotMapper<TEntity> snapshots,
    IStreamSequence sequence,
    TimeProvider clock)
    : INotificationHandler<DomainEventNotification<EntityChanged<TEntity>>>
    where TEntity : IOwnedEntity
{
    public Task Handle(DomainEventNotification<EntityChanged<TEntity>> notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var change = notification.DomainEvent;
        var entity = change.Entity;
        var message = new DataChangedMessage(
            sequence.Issue(),
            entity.CollectionTopic,
            entity.EntityName,
            change.Action.ToWire(),
            entity.Id,
            change.Action == ChangeAction.Deleted ? null : snapshots.ToSnapshot(entity),
            clock.GetUtcNow());

        var audience = entity.InstanceTopic is { } instanceTopic
            ? Audience.User(entity.OwnerId, entity.CollectionTopic, instanceTopic)
            : Audience.User(entity.OwnerId, entity.CollectionTopic);
        sockets.SendToAudience(audience, message);
        return Task.CompletedTask;
    }
}
