namespace Friday.Domain.Realtime;

/// <summary>A realtime request that cannot be honoured; <see cref="Code"/> is the wire error code.</summary>
public class RealtimeException : Exception
{
    public RealtimeException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
