namespace Friday.Domain.Realtime.Messages;

/// <summary>The answer to a client's <c>auth</c>: the connection now lives until the new token's expiry.</summary>
public sealed record AuthMessage(string Status, DateTimeOffset ExpiresAt) : WebSocketMessage
{
    public const string Ok = "ok";

    public override WebSocketMessageType Type => WebSocketMessageType.Auth;
}
