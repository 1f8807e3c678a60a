using System.IO.Pipelines;
using System.Net.Sockets;

namespace Friday.Infrastructure.Realtime.Transport;

/// <summary>
/// A Kestrel connection's two pipes as the one stream <c>WebSocket.CreateFromStream</c> takes, for a socket
/// upgraded on the connection rather than through HTTP. Kestrel completes the pipes when the
/// connection's handler returns.
/// </summary>
/// <param name="pipe">The connection's pipes: reads always come from its input.</param>
/// <param name="socket">
/// The connection's socket when the transport exposes it: writes then go to it directly, one
/// <c>send()</c> on the writing thread, instead of a copy into the output pipe and a hop to Kestrel's
/// sender loop (1,000 subscribers at the maximum rate: 327k → 481k deliveries/s, docs/benchmarks.md).
/// Every write must then come through this stream, the 101 included: the output pipe is never used.
/// </param>
public sealed class DuplexPipeStream(IDuplexPipe pipe, Socket? socket = null) : Stream
{
    private readonly Stream _input = pipe.Input.AsStream();
    private readonly Stream _output = pipe.Output.AsStream();

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => _output.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _output.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => _input.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _input.ReadAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (socket is null)
        {
            _output.Write(buffer, offset, count);
            return;
        }

        var rest = buffer.AsSpan(offset, count);
        try
        {
            while (!rest.IsEmpty)
            {
                rest = rest[socket.Send(rest, SocketFlags.None)..];
            }
        }
        catch (SocketException ex)
        {
            throw AsIOException(ex);
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        socket is null ? _output.WriteAsync(buffer, cancellationToken) : SendAsync(socket, buffer, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// A WebSocket disposes its stream when it is aborted (keep-alive timeout, close timeout) as well as
    /// when it is done: a read or a flush still waiting on the peer must end then, as they do when an
    /// upgraded HTTP request's stream is disposed, or the connection would wait for a silent peer forever.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            pipe.Input.CancelPendingRead();
            pipe.Output.CancelPendingFlush();
        }

        base.Dispose(disposing);
    }

    private static async ValueTask SendAsync(Socket socket, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            while (!buffer.IsEmpty)
            {
                buffer = buffer[await socket.SendAsync(buffer, SocketFlags.None, cancellationToken)..];
            }
        }
        catch (SocketException ex)
        {
            throw AsIOException(ex);
        }
    }

    /// <summary>As <see cref="NetworkStream"/> does: callers of a stream handle <see cref="IOException"/>, not socket errors.</summary>
    private static IOException AsIOException(SocketException ex) => new($"Sending on the connection failed: {ex.Message}", ex);
}
