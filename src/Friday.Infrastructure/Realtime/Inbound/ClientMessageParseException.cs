using Friday.Domain.Realtime;

namespace Friday.Infrastructure.Realtime.Inbound;

/// <summary>A client message that cannot be acted on; carries the wire error code and the <c>id</c> if one was read.</summary>
internal sealed class ClientMessageParseException(string code, string message, string? replyTo)
    : RealtimeException(code, message)
{
    public string? ReplyTo { get; } = replyTo;
}
