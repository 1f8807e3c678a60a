using System.Diagnostics;
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

    [Fact]
    public async Task Writer_WhenTheNodeIsBusy_ShouldHoldTheNextWriteForTheWindow_AndSendWhatArrivedMeanwhileInOne()
    {
        var window = TimeSpan.FromMilliseconds(400);
        using var client = TestConnection.Open("c1", "alice", _metrics, coalescing: new WriteCoalescing(window, () => true));
        var first = Payload(10, seed: 1);
        Assert.True(client.Connection.TryEnqueue(first));
        Assert.Equal(first, await client.Pair.ReceiveBytesAsync());
        var sinceFirst = Stopwatch.StartNew();

        var later = Enumerable.Range(2, 3).Select(i => Payload(10, seed: i)).ToList();
        later.ForEach(p => Assert.True(client.Connection.TryEnqueue(p)));
        foreach (var payload in later)
        {
            Assert.Equal(payload, await client.Pair.ReceiveBytesAsync());
        }

        // Measured from the first message's arrival, a little after its write began: half the window is a safe floor.
        Assert.True(sinceFirst.Elapsed >= window / 2, $"The second write came {sinceFirst.Elapsed.TotalMilliseconds} ms after the first.");
        Assert.Equal(2, client.Pair.ServerWrites);
    }

    [Fact]
    public async Task Writer_WhenABacklogWorthAWriteIsQueued_ShouldNotHoldIt()
    {
        var window = TimeSpan.FromSeconds(20);
        using var client = TestConnection.Open("c1", "alice", _metrics, startWriter: false, coalescing: new WriteCoalescing(window, () => true));
        var payloads = Enumerable.Range(0, 3 * WriteCoalescing.EnoughForOneWrite).Select(i => Payload(1000, seed: i)).ToList();
        payloads.ForEach(p => Assert.True(client.Connection.TryEnqueue(p)));
        var sent = Stopwatch.StartNew();

        client.StartWriter();

        foreach (var payload in payloads)
        {
            Assert.Equal(payload, await client.Pair.ReceiveBytesAsync());
        }

        Assert.True(sent.Elapsed < window / 4, $"The backlog took {sent.Elapsed.TotalMilliseconds} ms.");
        Assert.True(client.Pair.ServerWrites >= 3, $"{client.Pair.ServerWrites} writes: the backlog should need several.");
    }

    [Fact]
    public async Task Writer_WhenClosedWithoutDrainingDuringAHold_ShouldSendOnlyTheCloseFrame()
    {
        using var client = TestConnection.Open("c1", "alice", _metrics, coalescing: new WriteCoalescing(TimeSpan.FromSeconds(1), () => true));
        Assert.True(client.Connection.TryEnqueue(Payload(10, seed: 1)));
        await client.Pair.ReceiveBytesAsync();

        Assert.True(client.Connection.TryEnqueue(Payload(10, seed: 2)));

        // Time for the writer to take the message up and start holding it, well inside the window.
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        client.Connection.Close(1013, "Too slow.", drainQueue: false);

        Assert.Equal("close:1013", await client.ReceiveTypeOrCloseAsync());
    }

    [Theory]
    [InlineData(false, 20_000)]
    [InlineData(true, 0)]
    public async Task Writer_WhenTheNodeKeepsUpOrCoalescingIsOff_ShouldWriteEachMessageAtOnce(bool busy, int windowMilliseconds)
    {
        using var client = TestConnection.Open("c1", "alice", _metrics, coalescing: new WriteCoalescing(TimeSpan.FromMilliseconds(windowMilliseconds), () => busy));
        var sent = Stopwatch.StartNew();

        for (var i = 0; i < 3; i++)
        {
            var payload = Payload(10, seed: i);
            Assert.True(client.Connection.TryEnqueue(payload));
            Assert.Equal(payload, await client.Pair.ReceiveBytesAsync());
        }

        Assert.True(sent.Elapsed < TimeSpan.FromSeconds(5), $"Three messages took {sent.Elapsed.TotalMilliseconds} ms.");
        Assert.Equal(3, client.Pair.ServerWrites);
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
