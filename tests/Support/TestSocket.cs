using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Friday.Tests.Support;

/// <summary>A real client socket with JSON helpers and timeouts, so a missing message fails the test instead of hanging it.</summary>
public sealed class TestSocket(ClientWebSocket socket) : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public ClientWebSocket Socket { get; } = socket;

    /// <summary>Opens a socket that sends no pings of its own, so the server's silence rules apply to it as written.</summary>
    public static async Task<TestSocket> ConnectAsync(Uri uri)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(uri, CancellationToken.None);
        return new TestSocket(socket);
    }

    public WebSocketCloseStatus? CloseStatus => Socket.CloseStatus;

    public Task SendAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public Task SendAsync(object message) => SendAsync(JsonSerializer.Serialize(message));

    /// <summary>The next message, or null when the server closed the connection.</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            }
        }
    }

    /// <summary>Reads until a message of the type arrives, skipping server heartbeats and other types.</summary>
    public async Task<JsonElement> ReceiveTypeAsync(string type, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            var message = await ReceiveAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1))
                ?? throw new InvalidOperationException($"The connection closed ({Socket.CloseStatus} {Socket.CloseStatusDescription}) before a '{type}' message arrived.");
            if (message.GetProperty("type").GetString() == type)
            {
                return message;
            }
        }
    }

    /// <summary>Reads the next message that is not a server heartbeat.</summary>
    public async Task<JsonElement?> ReceiveNonHeartbeatAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var message = await ReceiveAsync(timeout);
            if (message is null || message.Value.GetProperty("type").GetString() != "heartbeat" || message.Value.TryGetProperty("status", out _))
            {
                return message;
            }
        }
    }

    /// <summary>
    /// Reads up to the first message of the type, e.g. a replay up to <c>resumed</c> or a greeting up to
    /// <c>unread_count</c>: the messages before it (server heartbeats left out), and that message.
    /// </summary>
    public async Task<(List<JsonElement> Before, JsonElement Last)> ReceiveUntilAsync(string type)
    {
        var before = new List<JsonElement>();
        while (true)
        {
            var message = await ReceiveNonHeartbeatAsync()
                ?? throw new InvalidOperationException($"The connection closed ({Socket.CloseStatus} {Socket.CloseStatusDescription}) before a '{type}' message arrived.");
            if (message.GetProperty("type").GetString() == type)
            {
                return (before, message);
            }

            before.Add(message);
        }
    }

    /// <summary>Asserts that nothing but heartbeats arrives within the window.</summary>
    public async Task AssertSilentAsync(TimeSpan window)
    {
        try
        {
            var message = await ReceiveNonHeartbeatAsync(window);
            throw new InvalidOperationException($"Expected no message, got {message}");
        }
        catch (OperationCanceledException)
        {
            // Nothing arrived: as expected. The socket is aborted by the cancelled receive, so callers stop using it.
        }
    }

    /// <summary>Reads until the server closes, returning the close status.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var buffer = new byte[64 * 1024];
        while (Socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var result = await Socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return Socket.CloseStatus;
            }
        }

        return Socket.CloseStatus;
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                Socket.Abort();
            }
        }

        Socket.Dispose();
    }
}
