using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;

namespace Friday.Infrastructure.Realtime.Inbound;

/// <summary>A client message that cannot be acted on; carries the wire error code and the <c>id</c> if one was read.</summary>
internal sealed class ClientMessageParseException(string code, string message, MessageId? replyTo)
    : RealtimeException(code, message)
{
    public MessageId? ReplyTo { get; } = replyTo;
}
