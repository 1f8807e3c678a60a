namespace Friday.Domain.Common;

/// <summary>Something that happened to an entity; dispatched only after the change commits.</summary>
public interface IDomainEvent;
