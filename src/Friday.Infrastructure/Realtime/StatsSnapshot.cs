namespace Friday.Infrastructure.Realtime;

/// <summary>The body of <c>GET /api/ws/stats</c>: this node's connections and subscriptions, and its message totals.</summary>
public sealed record StatsSnapshot(string Node, int Connections, int Users, int Topics, int Subscriptions, long MessagesSent, long MessagesDropped, long MessagesReceived);
