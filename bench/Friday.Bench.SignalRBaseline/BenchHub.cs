using Microsoft.AspNetCore.SignalR;

namespace Friday.Bench.SignalRBaseline;

internal sealed class BenchHub : Hub
{
    public Task Subscribe(string topic) => Groups.AddToGroupAsync(Context.ConnectionId, topic);
}
