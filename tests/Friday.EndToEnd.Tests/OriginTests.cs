using System.Net;
using System.Net.WebSockets;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

public sealed class OriginTests : IAsyncLifetime
{
    private const string AppOrigin = "https://app.example.com";
    private readonly FridayServer _server = new();

    public Task InitializeAsync()
    {
        _server.Settings["Security:AllowedOrigins:0"] = AppOrigin;
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("https://app.example.com.evil.example")]
    [InlineData("http://app.example.com")]
    [InlineData("null")]
    public async Task Upgrade_FromAnUnlistedOrigin_ShouldBe403BeforeTheUpgrade(string origin)
    {
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(origin));

        Assert.Contains("403", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainRequest_FromAnUnlistedOrigin_ShouldBeAProblem()
    {
        using var client = _server.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ws/notifications");
        request.Headers.Add("Origin", "https://evil.example.com");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(403, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData(AppOrigin)]
    [InlineData("https://APP.example.com")]
    [InlineData("http://localhost:5173")]
    [InlineData("http://127.0.0.1:3000")]
    public async Task Upgrade_FromAnAllowedOrigin_ShouldConnect(string origin)
    {
        await using var socket = await ConnectAsync(origin);

        Assert.Equal("origin-user", (await socket.ReceiveTypeAsync("connection")).GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task Upgrade_WithoutOrigin_ShouldConnect()
    {
        await using var socket = await _server.ConnectReadyAsync("origin-service");

        await socket.SendAsync(new { type = "ping" });
        await socket.ReceiveTypeAsync("pong");
    }

    [Theory]
    [InlineData(AppOrigin, true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("https://evil.example.com", false)]
    public async Task CorsPreflight_ShouldAllowOnlyTheListedOrigins(string origin, bool allowed)
    {
        using var client = _server.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/notes");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var response = await client.SendAsync(request);

        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    private async Task<TestSocket> ConnectAsync(string origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        try
        {
            await socket.ConnectAsync(_server.WebSocketUri(query: $"token={_server.TokenFor("origin-user")}"), CancellationToken.None);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new TestSocket(socket);
    }
}
