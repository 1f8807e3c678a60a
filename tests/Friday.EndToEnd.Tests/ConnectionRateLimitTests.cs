using System.Net;
using System.Net.WebSockets;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

public sealed class ConnectionRateLimitTests : IAsyncLifetime
{
    private const int Limit = 5;
    private readonly FridayServer _server = new();

    public Task InitializeAsync()
    {
        _server.Settings["Security:ConnectionsPerIpPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task ConnectsPastTheLimit_ShouldBe429ProblemBeforeTheUpgrade_AndRestStaysOpen()
    {
        for (var i = 0; i < Limit; i++)
        {
            await using var socket = await _server.ConnectReadyAsync("rate-ip");
        }

        using var refused = new ClientWebSocket();
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(_server.WebSocketUri(query: $"token={_server.TokenFor("rate-ip")}"), CancellationToken.None));
        using var client = _server.ClientFor("rate-ip");
        using var problem = await client.GetAsync("/ws");
        using var rest = await client.GetAsync("/api/notes");

        Assert.Contains("429", ex.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, problem.StatusCode);
        Assert.Equal(429, (await problem.ReadJsonAsync()).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
    }
}
