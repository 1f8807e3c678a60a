using System.Diagnostics.Metrics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Friday.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// WebSockets opened on the connection, below HTTP (Realtime:UpgradeOnConnection), seen from outside:
/// Kestrel's own meter says whether an open socket still holds an upgraded HTTP request. The refusals
/// this path leaves to the pipeline (origin, rate limit, client id, shutdown, tokens) have their own tests.
/// </summary>
public sealed class ConnectionUpgradeTests
{
    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public async Task OpenSocket_ShouldHoldAnUpgradedHttpRequest_OnlyWhenTheUpgradeIsLeftToHttp(bool onConnection, long upgradedRequests)
    {
        await using var server = Server(onConnection);
        using var kestrel = new UpgradedConnections(server);

        await using var socket = await server.ConnectReadyAsync("upgrade-user", "/ws/upgrade-client", "topics=notes");
        await socket.SendAsync(new { type = "ping", id = "p1" });
        var pong = await socket.ReceiveTypeAsync("pong");

        Assert.Equal("p1", pong.GetProperty("reply_to").GetString());
        Assert.Equal(upgradedRequests, kestrel.Open);
    }

    [Fact]
    public async Task RequestHeadInPieces_ShouldBeUpgradedOnTheConnection()
    {
        await using var server = Server(onConnection: true);
        using var kestrel = new UpgradedConnections(server);
        using var tcp = await ConnectTcpAsync(server);
        var stream = tcp.GetStream();
        var head = UpgradeHead($"/ws?token={server.TokenFor("pieces-user")}");

        // "GET /w" alone cannot tell a WebSocket from another request yet; the rest comes later.
        foreach (var piece in new[] { head[..6], head[6..40], head[40..] })
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(piece));
            await Task.Delay(150);
        }

        using var socket = await AssertGreetedAsync(stream);
        Assert.Equal(0, kestrel.Open);
    }

    [Fact]
    public async Task UpgradeAfterAnotherRequestOnTheSameConnection_ShouldBeUpgradedThroughHttp()
    {
        await using var server = Server(onConnection: true);
        using var kestrel = new UpgradedConnections(server);
        using var tcp = await ConnectTcpAsync(server);
        var stream = tcp.GetStream();

        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /health/live HTTP/1.1\r\nHost: friday\r\n\r\n"));
        var health = await ReadResponseHeadAsync(stream);
        await ReadUntilAsync(stream, "\r\n0\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(UpgradeHead($"/ws?token={server.TokenFor("second-user")}")));

        Assert.StartsWith("HTTP/1.1 200", health, StringComparison.Ordinal);
        using var socket = await AssertGreetedAsync(stream);
        Assert.Equal(1, kestrel.Open);
    }

    [Fact]
    public async Task UpgradesThroughAProxy_ShouldBeTakenOnTheConnection_AndCountedPerForwardedClient()
    {
        await using var server = Server(onConnection: true);

        // ASP.NET Core's switch (ASPNETCORE_FORWARDEDHEADERS_ENABLED) for its forwarded-headers middleware.
        server.Settings["FORWARDEDHEADERS_ENABLED"] = "true";
        server.Settings["Security:ConnectionsPerIpPerMinute"] = "2";
        using var kestrel = new UpgradedConnections(server);
        var sockets = new List<(TcpClient Tcp, WebSocket Socket)>();
        try
        {
            foreach (var client in new[] { "203.0.113.7", "203.0.113.7", "203.0.113.8" })
            {
                sockets.Add(await UpgradeAsync(server, client));
            }

            // The two addresses behind the proxy (one connection) have their own allowances: the third
            // attempt from the first is refused, though the proxy's own address made only three.
            using var tcp = await ConnectTcpAsync(server);
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(UpgradeHead($"/ws?token={server.TokenFor("proxied-user")}", "X-Forwarded-For: 203.0.113.7\r\n")));
            Assert.StartsWith("HTTP/1.1 429", await ReadResponseHeadAsync(tcp.GetStream()), StringComparison.Ordinal);
            Assert.Equal(0, kestrel.Open);
        }
        finally
        {
            foreach (var (tcp, socket) in sockets)
            {
                socket.Dispose();
                tcp.Dispose();
            }
        }
    }

    /// <summary>Security:KnownProxies: only the named proxies' X-Forwarded-For is believed, on both upgrade paths.</summary>
    [Theory]
    [InlineData(true, "127.0.0.1", true)]
    [InlineData(false, "127.0.0.1", true)]
    [InlineData(true, "10.9.9.9", false)]
    [InlineData(false, "10.9.9.9", false)]
    public async Task KnownProxies_ShouldCountForwardedClients_OnlyBehindTheProxiesNamed(bool onConnection, string knownProxy, bool believed)
    {
        await using var server = Server(onConnection);
        server.Settings["Security:KnownProxies:0"] = knownProxy;
        server.Settings["Security:ConnectionsPerIpPerMinute"] = "2";
        var sockets = new List<(TcpClient Tcp, WebSocket Socket)>();
        try
        {
            sockets.Add(await UpgradeAsync(server, "203.0.113.7"));
            sockets.Add(await UpgradeAsync(server, "203.0.113.7"));

            // A third client behind the same proxy: its own allowance when the proxy is known, the
            // proxy's spent one when it is not.
            using var tcp = await ConnectTcpAsync(server);
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(UpgradeHead($"/ws?token={server.TokenFor("proxied-user")}", "X-Forwarded-For: 203.0.113.8\r\n")));
            if (believed)
            {
                sockets.Add((tcp, await AssertGreetedAsync(tcp.GetStream())));
            }
            else
            {
                Assert.StartsWith("HTTP/1.1 429", await ReadResponseHeadAsync(tcp.GetStream()), StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var (tcp, socket) in sockets)
            {
                socket.Dispose();
                tcp.Dispose();
            }
        }
    }

    [Fact]
    public async Task KnownProxyThatIsNoAddress_ShouldStopTheStart()
    {
        await using var server = new FridayServer();
        server.Settings["Security:KnownProxies:0"] = "proxy.internal";

        var ex = Record.Exception(() => server.BaseAddress);

        Assert.NotNull(ex);
        Assert.Contains("Security:KnownProxies entry 'proxy.internal' is not an IP address.", ex.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(TcpClient Tcp, WebSocket Socket)> UpgradeAsync(FridayServer server, string forwardedFor)
    {
        var tcp = await ConnectTcpAsync(server);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(UpgradeHead($"/ws?token={server.TokenFor("proxied-user")}", $"X-Forwarded-For: {forwardedFor}\r\n")));
        return (tcp, await AssertGreetedAsync(stream));
    }

    /// <summary>Reads the 101 and the socket's first message, which must be the greeting.</summary>
    private static async Task<WebSocket> AssertGreetedAsync(NetworkStream stream)
    {
        Assert.StartsWith("HTTP/1.1 101", await ReadResponseHeadAsync(stream), StringComparison.Ordinal);
        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false });
        Assert.Equal("connection", (await ReceiveJsonAsync(socket)).GetProperty("type").GetString());
        return socket;
    }

    private static FridayServer Server(bool onConnection)
    {
        var server = new FridayServer();
        server.Settings["Realtime:UpgradeOnConnection"] = onConnection ? "true" : "false";
        return server;
    }

    private static async Task<TcpClient> ConnectTcpAsync(FridayServer server)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        return tcp;
    }

    private static string UpgradeHead(string target, string extraHeaders = "") =>
        $"GET {target} HTTP/1.1\r\nHost: friday\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Convert.ToBase64String(Guid.NewGuid().ToByteArray())}\r\n{extraHeaders}\r\n";

    private static Task<string> ReadResponseHeadAsync(NetworkStream stream) => ReadUntilAsync(stream, "\r\n\r\n");

    /// <summary>Byte by byte, so that nothing after <paramref name="end"/> (the socket's first frames) is read with it.</summary>
    private static async Task<string> ReadUntilAsync(NetworkStream stream, string end)
    {
        using var timeout = new CancellationTokenSource(TestSocket.DefaultTimeout);
        var text = new StringBuilder();
        var one = new byte[1];
        while (!text.ToString().EndsWith(end, StringComparison.Ordinal))
        {
            await stream.ReadExactlyAsync(one, timeout.Token);
            text.Append((char)one[0]);
        }

        return text.ToString();
    }

    private static async Task<JsonElement> ReceiveJsonAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TestSocket.DefaultTimeout);
        var buffer = new byte[64 * 1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.True(result.EndOfMessage);
        return JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement.Clone();
    }

    /// <summary>Kestrel's <c>kestrel.upgraded_connections</c> of one server: upgraded HTTP requests now open.</summary>
    private sealed class UpgradedConnections : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _open;

        public UpgradedConnections(FridayServer server)
        {
            var meters = server.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "kestrel.upgraded_connections" && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _open, value));
            _listener.Start();
        }

        public long Open => Interlocked.Read(ref _open);

        public void Dispose() => _listener.Dispose();
    }
}
