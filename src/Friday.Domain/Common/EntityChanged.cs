namespace Friday.Domain.Common;

/// <summary>One event type serves every entity kind: the action says what happened.</summary>
public sealed record EntityChanged<TEntity>(TEntity Entity, ChangeAction Action) : IEntityChangedEvent<TEntity>
    where TEntity : IOwnedEntity
{
    IOwnedEntity IEntityChangedEvent.Entity => Entity;
}
