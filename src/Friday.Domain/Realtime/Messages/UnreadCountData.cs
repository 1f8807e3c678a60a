namespace Friday.Domain.Realtime.Messages;

public sealed record UnreadCountData(int Count);
