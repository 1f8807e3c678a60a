using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;

namespace Friday.Infrastructure.Realtime.Inbound;

/// <summary>A parsed client message: only the fields its type uses are set.</summary>
internal sealed record ClientMessage(WebSocketMessageType Type, MessageId? Id)
{
    public IReadOnlyList<string> Topics { get; init; } = [];

    public IReadOnlyList<string>? NotificationTypes { get; init; }

    public int? Limit { get; init; }

    public string? NotificationId { get; init; }

    public long? LastSeq { get; init; }

    public string? Token { get; init; }
}
