namespace Friday.Infrastructure.Realtime;

/// <summary>One open connection as <see cref="UserStatus"/> lists it.</summary>
public sealed record ConnectionStatus(string ClientId, DateTimeOffset ConnectedAt, IReadOnlyList<string> Topics, int QueueDepth);
