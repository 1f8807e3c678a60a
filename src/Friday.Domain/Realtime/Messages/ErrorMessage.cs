namespace Friday.Domain.Realtime.Messages;

/// <param name="Code">One of <see cref="ErrorCodes"/>.</param>
public sealed record ErrorMessage(string Code, string Message) : WebSocketMessage
{
    public override WebSocketMessageType Type => WebSocketMessageType.Error;

    /// <summary>Set on <c>token_expiring</c>: when the connection's token runs out.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
