namespace Friday.Infrastructure.Realtime.Transport;

/// <summary>
/// The upgraded connection's byte stream, written by two parties: the framework's WebSocket (pongs,
/// the close frame) and the connection's writer loop (messages, the heartbeat's ping), which frames
/// queued messages itself so that a whole queue leaves in one write instead of one write and one
/// send() each. Every write carries whole frames and writes take turns, so frames never interleave.
/// </summary>
public sealed class FrameTransportStream(Stream inner) : Stream
{
    /// <summary>The first byte of an unfragmented close frame (RFC 6455 §5.5.1).</summary>
    private const byte FinClose = 0x88;

    private readonly SemaphoreSlim _writing = new(1, 1);
    private long _lastReadAt = Environment.TickCount64;
    private int _sentCloseCode;

    /// <summary>
    /// When the peer was last heard from (<see cref="Environment.TickCount64"/>): stamped as each read
    /// starts, which the WebSocket does as soon as it has handled what the previous read brought, pong
    /// frames included, which never reach the application. A stamp at the start costs nothing per read,
    /// where one at the end would need a state machine around every read.
    /// </summary>
    public long LastReadAt => Volatile.Read(ref _lastReadAt);

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        StampRead();
        return inner.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        StampRead();
        return inner.ReadAsync(buffer, offset, count, cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        StampRead();
        return inner.Read(buffer, offset, count);
    }

    private void StampRead() => Volatile.Write(ref _lastReadAt, Environment.TickCount64);

    /// <summary>
    /// The status code of the first close frame written to the peer, 0 for none yet. Read from the bytes
    /// because the framework's WebSocket also closes by itself — 1007 for a text frame that is not UTF-8,
    /// 1002 for a protocol error — and says which code only on the wire.
    /// </summary>
    public int SentCloseCode => Volatile.Read(ref _sentCloseCode);

    /// <summary>
    /// The framework writes each frame whole in one write, and a server's frames are unmasked: a close
    /// frame is its first byte, a length of 2 to 125, then the code.
    /// </summary>
    private void NoteCloseFrame(ReadOnlySpan<byte> frame)
    {
        if (frame is [FinClose, >= 2 and <= 125, var high, var low, ..])
        {
            Interlocked.CompareExchange(ref _sentCloseCode, (high << 8) | low, 0);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        NoteCloseFrame(buffer.Span);
        await _writing.WaitAsync(cancellationToken);
        try
        {
            await inner.WriteAsync(buffer, cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        NoteCloseFrame(buffer.AsSpan(offset, count));
        _writing.Wait();
        try
        {
            inner.Write(buffer, offset, count);
        }
        finally
        {
            _writing.Release();
        }
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            await inner.FlushAsync(cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _writing.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        _writing.Dispose();
        await base.DisposeAsync();
    }
}
