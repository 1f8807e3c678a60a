namespace Friday.Domain.Common;

/// <summary>
/// Base of the owned aggregates: identity, owner, timestamps and an optimistic-concurrency version.
/// </summary>
public abstract class Entity : AggregateRoot, IOwnedEntity
{
    /// <summary>For materialisation by the store.</summary>
    protected Entity()
    {
        OwnerId = string.Empty;
    }

    protected Entity(Guid id, string ownerId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        Id = id;
        OwnerId = ownerId;
        CreatedAt = now;
        UpdatedAt = now;
        Version = 1;
    }

    public Guid Id { get; private set; }

    public string OwnerId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Incremented by every change; the store rejects a save whose version moved meanwhile.</summary>
    public long Version { get; private set; }

    public abstract string EntityName { get; }

    public abstract string CollectionTopic { get; }

    public virtual string? InstanceTopic => null;

    /// <summary>Checks the caller's expected version, then stamps the change.</summary>
    protected void Touch(long? expectedVersion, DateTimeOffset now)
    {
        if (expectedVersion is { } expected && expected != Version)
        {
            throw new ConcurrencyConflictException(EntityName, Id, expected, Version);
        }

        UpdatedAt = now;
        Version++;
    }
}
