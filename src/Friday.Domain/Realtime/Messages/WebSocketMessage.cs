namespace Friday.Domain.Realtime.Messages;

/// <summary>A server-to-client message; serialised once however many receive it.</summary>
public abstract record WebSocketMessage
{
    public abstract WebSocketMessageType Type { get; }

    /// <summary>The <c>id</c> of the client message this answers, if any.</summary>
    public MessageId? ReplyTo { get; init; }
}
