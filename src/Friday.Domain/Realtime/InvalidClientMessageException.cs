namespace Friday.Domain.Realtime;

/// <summary>A client message that is JSON but not of the shape its type requires.</summary>
public sealed class InvalidClientMessageException(string message)
    : RealtimeException(ErrorCodes.InvalidMessage, message);
