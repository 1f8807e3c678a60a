using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text.Json;
using Friday.Infrastructure.Realtime.Transport;

namespace Friday.Infrastructure.Tests.Support;

/// <summary>
/// A real server WebSocket wired to a real client WebSocket over two in-memory pipes. The pipe
/// toward the client can be made tiny, so a client that never reads blocks the server's writes.
/// </summary>
public sealed class SocketPair : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly DuplexStream _serverSide;

    private SocketPair(WebSocket server, DuplexStream serverSide, FrameTransportStream serverTransport, WebSocket client)
    {
        Server = server;
        _serverSide = serverSide;
        ServerTransport = serverTransport;
        Client = client;
    }

    /// <summary>How many writes reached the server's side of the wire: each one is a send() on a real socket.</summary>
    public int ServerWrites => _serverSide.Writes;

    public WebSocket Server { get; }

    public FrameTransportStream ServerTransport { get; }

    public WebSocket Client { get; }

    public static SocketPair Create(long? toClientPauseBytes = null)
    {
        var toClient = toClientPauseBytes is { } pause
            ? new Pipe(new PipeOptions(pauseWriterThreshold: pause, resumeWriterThreshold: pause / 2, useSynchronizationContext: false))
            : new Pipe();
        var toServer = new Pipe();
        var serverSide = new DuplexStream(toServer.Reader, toClient.Writer);
        var serverTransport = new FrameTransportStream(serverSide);
        var server = WebSocket.CreateFromStream(serverTransport, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var client = WebSocket.CreateFromStream(new DuplexStream(toClient.Reader, toServer.Writer), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        return new SocketPair(server, serverSide, serverTransport, client);
    }

    /// <summary>The next text message as JSON, or null when the server sent a close frame.</summary>
    public async Task<JsonElement?> ReceiveAsync() =>
        await ReceiveBytesAsync() is { } bytes ? JsonDocument.Parse(bytes).RootElement.Clone() : null;

    /// <summary>The next text message's bytes as the client's WebSocket decoded them, or null at a close frame.</summary>
    public async Task<byte[]?> ReceiveBytesAsync()
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
                return message.ToArray();
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
        private int _writes;

        public int Writes => Volatile.Read(ref _writes);

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

        public override void Write(byte[] buffer, int offset, int count)
        {
            Interlocked.Increment(ref _writes);
            _out.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writes);
            return _out.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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
