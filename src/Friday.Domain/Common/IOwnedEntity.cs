namespace Friday.Domain.Common;

/// <summary>An entity that belongs to one user and is announced on that user's topics.</summary>
public interface IOwnedEntity
{
    Guid Id { get; }

    string OwnerId { get; }

    /// <summary>The <c>entity</c> field of <c>data_changed</c>, e.g. <c>note</c>.</summary>
    string EntityName { get; }

    /// <summary>The collection topic, e.g. <c>notes</c>.</summary>
    string CollectionTopic { get; }

    /// <summary>The per-entity topic, e.g. <c>note:{id}</c>, or null when the kind has none.</summary>
    string? InstanceTopic { get; }
}
