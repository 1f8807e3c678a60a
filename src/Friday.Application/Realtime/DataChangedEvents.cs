using Friday.Application.Common.Events;
using Friday.Application.Common.Interfaces;
using Friday.Domain.Common;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;

namespace Friday.Application.Realtime;

/// <summary>
/// Writes one <c>data_changed</c> per change of an owned entity into the outbox, for the owner's
/// connections subscribed to the entity's collection topic or its own topic.
/// </summary>
public sealed class DataChangedEvents<TEntity>(IStreamOutbox outbox, ISnapshotMapper<TEntity> snapshots, TimeProvider clock)
    : IPreCommitHandler<EntityChanged<TEntity>>
    where TEntity : IOwnedEntity
{
    public void Handle(EntityChanged<TEntity> domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var entity = domainEvent.Entity;
        var message = new DataChangedMessage(
            0,
            entity.CollectionTopic,
            entity.EntityName,
            domainEvent.Action.ToWire(),
            entity.Id,
            domainEvent.Action == ChangeAction.Deleted ? null : snapshots.ToSnapshot(entity),
            clock.GetUtcNow());

        var audience = entity.InstanceTopic is { } instanceTopic
            ? Audience.User(entity.OwnerId, entity.CollectionTopic, instanceTopic)
            : Audience.User(entity.OwnerId, entity.CollectionTopic);
        outbox.Add(audience, message);
    }
}
