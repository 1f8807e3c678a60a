namespace Friday.Application.Common.Exceptions;

/// <summary>A dependency (the database, the broker) cannot be reached; the caller may retry.</summary>
public sealed class ServiceUnavailableException : Exception
{
    public ServiceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ServiceUnavailableException(string message)
        : base(message)
    {
    }

    public ServiceUnavailableException()
        : this("A dependency of the service is unavailable.")
    {
    }
}
