namespace Friday.Infrastructure.Realtime;

/// <summary>The figures of <c>GET /api/ws/stats</c> and <c>GET /api/ws/status</c>.</summary>
public sealed class RealtimeStats
{
    private readonly WebSocketManager _manager;
    private readonly RealtimeMetrics _metrics;
    private readonly string _nodeId;

    internal RealtimeStats(WebSocketManager manager, RealtimeMetrics metrics, string nodeId)
    {
        _manager = manager;
        _metrics = metrics;
        _nodeId = nodeId;
    }

    public StatsSnapshot Snapshot()
    {
        var connections = _manager.Connections.ToList();
        var topics = connections.SelectMany(c => c.Topics).Distinct(StringComparer.Ordinal).Count();
        return new StatsSnapshot(
            _nodeId,
            connections.Count,
            _manager.UserCount,
            topics,
            connections.Sum(c => c.Topics.Count),
            _metrics.SentTotal,
            _metrics.DroppedTotal,
            _metrics.ReceivedTotal);
    }

    public UserStatus StatusOf(string userId)
    {
        var connections = _manager.ConnectionsOf(userId);
        return new UserStatus(
            userId,
            !connections.IsEmpty,
            [.. connections.Select(c => new ConnectionStatus(c.Id, c.ConnectedAt, [.. c.Topics.Order(StringComparer.Ordinal)], c.QueueDepth))]);
    }
}
