namespace Friday.Application.Realtime;

public sealed record PublishResult(string Topic);
