using Friday.Infrastructure.Realtime.Transport;

namespace Friday.Infrastructure.Tests.Realtime;

/// <summary>The framework's WebSocket and the connection's writer share one stream: their writes must take turns.</summary>
public sealed class FrameTransportStreamTests
{
    [Fact]
    public async Task WriteAsync_FromTwoWritersAtOnce_ShouldNeverOverlapAndKeepEachWriteWhole()
    {
        var inner = new SlowRecordingStream();
        await using var transport = new FrameTransportStream(inner);
        var a = Enumerable.Repeat((byte)'a', 10).ToArray();
        var b = Enumerable.Repeat((byte)'b', 10).ToArray();

        await Task.WhenAll(
            Task.Run(async () => { for (var i = 0; i < 50; i++) { await transport.WriteAsync(a); } }),
            Task.Run(async () => { for (var i = 0; i < 50; i++) { await transport.WriteAsync(b); } }));

        Assert.False(inner.Overlapped);
        Assert.Equal(100, inner.Writes.Count);
        Assert.All(inner.Writes, w => Assert.True(w.All(x => x == w[0]) && w.Length == 10));
    }

    /// <summary>Each write yields mid-way, as a socket under back-pressure does, and notes whether another write began meanwhile.</summary>
    private sealed class SlowRecordingStream : MemoryStream
    {
        private int _inside;

        public bool Overlapped { get; private set; }

        public List<byte[]> Writes { get; } = [];

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _inside) > 1)
            {
                Overlapped = true;
            }

            await Task.Delay(1, cancellationToken);
            lock (Writes)
            {
                Writes.Add(buffer.ToArray());
            }

            Interlocked.Decrement(ref _inside);
        }
    }
}
