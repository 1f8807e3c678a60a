namespace Friday.Domain.Common;

/// <summary>
/// A domain event that clients hear of as <c>data_changed</c>. Raising one is all a new entity type
/// needs to do to broadcast its changes.
/// </summary>
public interface IEntityChangedEvent : IDomainEvent
{
    ChangeAction Action { get; }

    IOwnedEntity Entity { get; }
}

/// <summary>The typed form lets the application find the snapshot mapper for the entity.</summary>
public interface IEntityChangedEvent<out TEntity> : IEntityChangedEvent
    where TEntity : IOwnedEntity
{
    new TEntity Entity { get; }
}
