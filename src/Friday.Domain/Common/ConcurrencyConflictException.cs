namespace Friday.Domain.Common;

/// <summary>The caller changed an entity from a version that is no longer current.</summary>
public sealed class ConcurrencyConflictException : DomainException
{
    public ConcurrencyConflictException(string entity, Guid id, long expectedVersion, long actualVersion)
        : base($"The {entity} {id} is at version {actualVersion}, not {expectedVersion}; reload it and try again.")
    {
    }

    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }
}
