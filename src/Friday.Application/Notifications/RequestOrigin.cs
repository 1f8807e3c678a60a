using Friday.Domain.Realtime.Messages;

namespace Friday.Application.Notifications;

/// <summary>The connection a request came from and the <c>id</c> its answers carry as <c>reply_to</c>.</summary>
public sealed record RequestOrigin(string ConnectionId, MessageId? ReplyTo);
