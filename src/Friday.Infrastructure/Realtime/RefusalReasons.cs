namespace Friday.Infrastructure.Realtime;

/// <summary>
/// The <c>reason</c> tag of <c>friday.realtime.connections.refused</c>: why a connection attempt was
/// turned away, a few fixed words an alert can match, where the close code or HTTP status alone is
/// ambiguous (503 is both a full node and one shutting down, 1008 more than the per-user limit).
/// </summary>
public static class RefusalReasons
{
    public const string NotWebSocket = "not_websocket";
    public const string InvalidClientId = "invalid_client_id";
    public const string OriginNotAllowed = "origin_not_allowed";
    public const string RateLimited = "rate_limited";
    public const string ShuttingDown = "shutting_down";
    public const string NodeConnectionLimit = "node_connection_limit";
    public const string Unauthorized = "unauthorized";
    public const string UserConnectionLimit = "user_connection_limit";
    public const string ClientIdInUse = "client_id_in_use";
}
