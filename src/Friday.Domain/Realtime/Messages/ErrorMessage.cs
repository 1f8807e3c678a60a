namespace Friday.Domain.Realtime.Messages;

/// <param name="Code">One of <see cref="ErrorCodes"/>.</param>
public sealed record ErrorMessage(string Code, string Message) : WebSocketMessage
{
    public override WebSocketMessageType Type => WebSocketMessageType.Error;
}
