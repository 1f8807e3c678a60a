using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text.Json;
using Friday.Infrastructure.Realtime;

namespace Friday.Infrastructure.Tests.Support;

/// <summary>
/// A real server WebSocket wired to a real client WebSocket over two in-memory pipes. The pipe
/// toward the client can be made tiny, so a client that never reads blocks the server's writes.
/// </summary>
public sealed class SocketPair : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private SocketPair(WebSocket server, WebSocket client)
    {
        Server = server;
        Client = client;
    }

    public WebSocket Server { get; }

    public WebSocket Client { get; }

    public static SocketPair Create(long? toClientPauseBytes = null)
    {
        var toClient = toClientPauseBytes is { } pause
            ? new Pipe(new PipeOptions(pauseWriterThreshold: pause, resumeWriterThreshold: pause / 2, useSynchronizationContext: false))
            : new Pipe();
        var toServer = new Pipe();
        var server = WebSocket.CreateFromStream(new DuplexStream(toServer.Reader, toClient.Writer), new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var client = WebSocket.CreateFromStream(new DuplexStream(toClient.Reader, toServer.Writer), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        return new SocketPair(server, client);
    }

    /// <summary>The next text message as JSON, or null when the server sent a close frame.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await Client.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == System.Net.WebSockets.WebSocketMessageType.Close)
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

    public async Task<string> ReceiveTypeOrCloseAsync()
    {
        var message = await ReceiveAsync();
        return message is { } m ? m.GetProperty("type").GetString() ?? "?" : $"close:{(int?)Client.CloseStatus}";
    }

    public void Dispose()
    {
        Server.Dispose();
        Client.Dispose();
    }

    private sealed class DuplexStream(PipeReader reader, PipeWriter writer) : Stream
    {
        private readonly Stream _in = reader.AsStream();
        private readonly Stream _out = writer.AsStream();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => _out.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _out.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => _in.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _in.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _in.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => _out.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _out.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _out.WriteAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _in.Dispose();
                _out.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>A connection under test: the server side registered with the manager, its writer loop running.</summary>
public sealed class TestConnection : IDisposable
{
    private TestConnection(SocketPair pair, WebSocketConnection connection)
    {
        Pair = pair;
        Connection = connection;
        Writer = Task.Run(connection.RunWriterAsync);
    }

    public SocketPair Pair { get; }

    internal WebSocketConnection Connection { get; }

    public Task Writer { get; }

    internal static TestConnection Open(string id, string? userId, RealtimeMetrics metrics, int queueCapacity = 1024, long? toClientPauseBytes = null)
    {
        var pair = SocketPair.Create(toClientPauseBytes);
        return new TestConnection(pair, new WebSocketConnection(id, userId, pair.Server, queueCapacity, TimeSpan.FromSeconds(5), metrics));
    }

    public Task<JsonElement?> ReceiveAsync() => Pair.ReceiveAsync();

    public Task<string> ReceiveTypeOrCloseAsync() => Pair.ReceiveTypeOrCloseAsync();

    public void Dispose()
    {
        Connection.Close(1000, "test over", drainQueue: false);
        Pair.Dispose();
    }
}

public sealed class TestMeterFactory : System.Diagnostics.Metrics.IMeterFactory
{
    private readonly List<System.Diagnostics.Metrics.Meter> _meters = [];

    public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options)
    {
        var meter = new System.Diagnostics.Metrics.Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose() => _meters.ForEach(m => m.Dispose());
}
