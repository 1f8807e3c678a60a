namespace Friday.Infrastructure.Realtime;

/// <summary>The body of <c>GET /api/ws/status?user_id=</c>: the user's open connections on this node.</summary>
public sealed record UserStatus(string UserId, bool Connected, IReadOnlyList<ConnectionStatus> Connections);
