namespace Friday.Application.Common.Exceptions;

/// <summary>
/// The entity does not exist for this caller. Another user's entity is reported the same way, so
/// that its existence does not leak.
/// </summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string entity, object id)
        : base($"The {entity} '{id}' was not found.")
    {
        Entity = entity;
    }

    public NotFoundException(string message)
        : base(message)
    {
        Entity = "resource";
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        Entity = "resource";
    }

    public NotFoundException()
        : this("The resource was not found.")
    {
    }

    public string Entity { get; }
}
