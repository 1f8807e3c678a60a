using System.Net.Http.Json;
using System.Text.Json;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>Which node wrote a log line or answered the stats: with several nodes behind one balancer, every line must say.</summary>
public sealed class NodeIdentityTests : IAsyncLifetime
{
    private const string Node = "node-under-test";
    private readonly FridayServer _server = new();

    public Task InitializeAsync()
    {
        _server.Settings["Node:Id"] = Node;
        _server.Settings["Logging:LogLevel:Default"] = "Information";
        _server.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Information";
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task EveryLogLine_ShouldNameTheNode_FromStartupRequestsAndSockets()
    {
        await using (var socket = await _server.ConnectReadyAsync("ni-user"))
        {
            await socket.SendAsync(new { type = "subscribe", topic = "notes" });
            await socket.ReceiveTypeAsync("subscription");
            using var client = _server.ClientFor("ni-user");
            await client.CreateNoteAsync("Logged");
            await socket.ReceiveTypeAsync("data_changed");
        }

        var lines = _server.Logs.Lines.ToList();
        // The host's start, a request on a Kestrel connection, and a WebSocket session: different threads and flows.
        Assert.Contains(lines, l => l.StartsWith("Information Microsoft.Hosting.Lifetime", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Information Friday.WebApi.Security.RequestLog", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Information Friday.Infrastructure.Realtime.WebSocketSession", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.Contains($" => Node:{Node}", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stats_ShouldReportTheNode()
    {
        using var admin = _server.ClientFor("ni-admin", "admin");

        var stats = await admin.GetFromJsonAsync<JsonElement>("/api/ws/stats");

        Assert.Equal(Node, stats.GetProperty("node").GetString());
    }
}
