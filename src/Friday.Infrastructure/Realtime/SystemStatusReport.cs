namespace Friday.Infrastructure.Realtime;

/// <summary>The <c>data</c> of a <c>system_status</c> broadcast: figures anyone connected may see, nothing more.</summary>
public sealed record SystemStatusReport(string NodeId, int Connections, int Users, long UptimeSeconds, DateTimeOffset StartedAt);
