using System.Text;
using Friday.Infrastructure.Realtime;
using Friday.Infrastructure.Tests.Support;

namespace Friday.Infrastructure.Tests.Realtime;

/// <summary>
/// The writer loop frames messages itself and writes a backlog in as few socket writes as it can; a
/// real client WebSocket decodes what it wrote.
/// </summary>
public sealed class WebSocketConnectionWriterTests : IDisposable
{
    private readonly TestMeterFactory _meters = new();
    private readonly RealtimeMetrics _metrics;

    public WebSocketConnectionWriterTests() => _metrics = new RealtimeMetrics(_meters);

    public void Dispose()
    {
        _metrics.Dispose();
        _meters.Dispose();
    }

    // Each length class of the RFC 6455 header (7-bit, 16-bit, 64-bit), at and across its limits, and
    // one message larger than a whole batch.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(WebSocketConnection.BatchBytes * 3)]
    public async Task Writer_WhenMessageOfAnyLength_ShouldReachAClientWebSocketIntact(int length)
    {
        using var client = TestConnection.Open("c1", "alice", _metrics);
        var payload = Payload(length, seed: length);

        Assert.True(client.Connection.TryEnqueue(payload));

        Assert.Equal(payload, await client.Pair.ReceiveBytesAsync());
    }

    [Fact]
    public async Task Writer_WhenSeveralMessagesAreQueued_ShouldWriteThemInOneSocketWrite()
    {
        using var client = TestConnection.Open("c1", "alice", _metrics, startWriter: false);
        var payloads = Enumerable.Range(0, 50).Select(i => Payload(100 + i, seed: i)).ToList();
        payloads.ForEach(p => Assert.True(client.Connection.TryEnqueue(p)));

        client.StartWriter();

        foreach (var payload in payloads)
        {
            Assert.Equal(payload, await client.Pair.ReceiveBytesAsync());
        }

        Assert.Equal(1, client.Pair.ServerWrites);
        Assert.Equal(50, _metrics.SentTotal);
    }

    [Fact]
    public async Task Writer_WhenBacklogExceedsOneBatch_ShouldSplitItAndKeepTheOrder()
    {
        const int count = 300;
        using var client = TestConnection.Open("c1", "alice", _metrics, startWriter: false);
        var payloads = Enumerable.Range(0, count).Select(i => Payload(1000, seed: i)).ToList();
        payloads.ForEach(p => Assert.True(client.Connection.TryEnqueue(p)));

        client.StartWriter();

        foreach (var payload in payloads)
        {
            Assert.Equal(payload, await client.Pair.ReceiveBytesAsync());
        }

        var minimumWrites = (int)Math.Ceiling(count * 1004.0 / WebSocketConnection.BatchBytes);
        Assert.InRange(client.Pair.ServerWrites, minimumWrites, minimumWrites + 1);
    }

    [Fact]
    public async Task Close_AfterQueuedMessages_ShouldSendTheCloseFrameAfterThem()
    {
        using var client = TestConnection.Open("c1", "alice", _metrics, startWriter: false);
        var payload = Payload(10, seed: 1);
        Assert.True(client.Connection.TryEnqueue(payload));
        client.Connection.Close(1001, "Server shutting down.", drainQueue: true);

        client.StartWriter();

        Assert.Equal(payload, await client.Pair.ReceiveBytesAsync());
        Assert.Equal("close:1001", await client.ReceiveTypeOrCloseAsync());
    }

    /// <summary>Distinct, printable bytes, so a misplaced or truncated frame cannot go unnoticed.</summary>
    private static byte[] Payload(int length, int seed) =>
        Encoding.ASCII.GetBytes(string.Create(length, seed, static (span, s) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + ((i + s) % 26));
            }
        }));
}
