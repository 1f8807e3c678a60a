namespace Friday.Domain.Common;

/// <summary>A rule of the domain was broken.</summary>
public class DomainException : Exception
{
    public DomainException(string message)
        : base(message)
    {
    }
}
