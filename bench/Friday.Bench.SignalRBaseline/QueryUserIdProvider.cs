using Microsoft.AspNetCore.SignalR;

namespace Friday.Bench.SignalRBaseline;

/// <summary>
/// Stands in for Friday's JWT: the benchmark compares delivery, not authentication,
/// so the user is taken on trust from <c>?user=</c>.
/// </summary>
internal sealed class QueryUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) =>
        connection.GetHttpContext()?.Request.Query["user"].ToString();
}
