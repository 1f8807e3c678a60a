using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Friday.Infrastructure.Identity;
using Friday.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

public sealed class LogRedactionTests : IAsyncLifetime
{
    private readonly FridayServer _server = new();

    public Task InitializeAsync()
    {
        // As chatty as an operator could make it, including the category that prints raw query strings.
        _server.Settings["Logging:LogLevel:Default"] = "Information";
        _server.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Information";
        _server.Settings["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
        _server.Settings["Logging:LogLevel:Microsoft.AspNetCore.Authentication"] = "Debug";
        _server.Settings["Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel"] = "Debug";
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task RestCall_WithTokenInTheQuery_ShouldNeverLogTheToken()
    {
        var token = _server.TokenFor("log-rest");
        using var client = _server.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync($"/api/notes?token={token}&page=1");
        using var anonymous = _server.AnonymousClient();
        using var denied = await anonymous.GetAsync($"/api/notes?access_token={token}");

        await WaitForLineAsync("/api/notes?token=[redacted]&page=1");
        await WaitForLineAsync("/api/notes?access_token=[redacted]");
        AssertNeverLogged(token);
    }

    [Fact]
    public async Task WebSocketConnects_ValidOrNot_ShouldNeverLogTheToken()
    {
        var token = _server.TokenFor("log-ws");
        var expired = _server.Services.GetRequiredService<ITokenIssuer>().Issue("log-ws", [], TimeSpan.FromMinutes(-10));
        const string garbage = "not-a-jwt-but-secret-0123456789";

        await using (var socket = await _server.ConnectReadyAsync("log-ws"))
        {
            await socket.SendAsync(new { type = "ping" });
            await socket.ReceiveTypeAsync("pong");
        }

        foreach (var bad in new[] { expired, garbage, token[..^4] + "AAAA" })
        {
            await using var refused = await _server.ConnectAsync(null, extraQuery: $"token={bad}");
            Assert.Equal(4001, (int)(await refused.ReceiveCloseAsync())!);
        }

        await WaitForLineAsync("/ws?token=[redacted] responded 101");
        AssertNeverLogged(token, expired, garbage, SignatureOf(token), SignatureOf(expired));
    }

    [Fact]
    public async Task TokenParameterNamedWithEscapesOrCapitals_ShouldStillBeRedacted()
    {
        // The server decodes a parameter's name and ignores its case before reading it, so the log must too.
        var token = _server.TokenFor("log-encoded");
        using var client = _server.AnonymousClient();
        using var rest = await client.GetAsync(Verbatim($"{_server.BaseAddress}api/notes?%74oken={token}&TOKEN={token}&page=2"));

        await using (var socket = await TestSocket.ConnectAsync(Verbatim($"{_server.WebSocketUri()}?%74oken={token}")))
        {
            var greeting = await socket.ReceiveTypeAsync("connection");
            Assert.Equal("log-encoded", greeting.GetProperty("user_id").GetString());
        }

        await WaitForLineAsync("/api/notes?%74oken=[redacted]&TOKEN=[redacted]&page=2");
        await WaitForLineAsync("/ws?%74oken=[redacted] responded 101");
        AssertNeverLogged(token, SignatureOf(token));
    }

    [Fact]
    public async Task MalformedRequestLine_WithTokenInTheQuery_ShouldNotLogTheToken()
    {
        // Kestrel's own Debug line for a bad request quotes the start of the request line.
        const string secret = "short-opaque-secret-42";
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /ws?token={secret} x HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        using var reader = new StreamReader(stream);
        Assert.StartsWith("HTTP/1.1 400", await reader.ReadLineAsync());

        await _server.Logs.WaitForLineAsync("Connection id", TimeSpan.FromSeconds(10));
        AssertNeverLogged(secret);
    }

    private void AssertNeverLogged(params string[] secrets)
    {
        var lines = _server.Logs.Lines.ToList();
        Assert.NotEmpty(lines);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    /// <summary>System.Uri would otherwise unescape <c>%74</c> to <c>t</c> before the request is sent.</summary>
    private static Uri Verbatim(string uri) => new(uri, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    private static string SignatureOf(string jwt) => jwt[(jwt.LastIndexOf('.') + 1)..];

    private Task WaitForLineAsync(string fragment) => _server.Logs.WaitForLineAsync(fragment, TimeSpan.FromSeconds(10));
}
