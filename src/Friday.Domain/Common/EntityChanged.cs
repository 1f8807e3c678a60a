namespace Friday.Domain.Common;

/// <summary>
/// That an owned entity changed; clients hear of it as <c>data_changed</c>. One event type serves every
/// entity kind (the action says what happened), and raising it is all a new entity type needs to do to
/// broadcast its changes: the type argument finds the entity's snapshot mapper.
/// </summary>
public sealed record EntityChanged<TEntity>(TEntity Entity, ChangeAction Action) : IDomainEvent
    where TEntity : IOwnedEntity;
