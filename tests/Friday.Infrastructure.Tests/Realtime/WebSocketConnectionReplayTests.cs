using System.Diagnostics;
using System.Text;
using Friday.Infrastructure.Realtime;
using Friday.Infrastructure.Tests.Support;

namespace Friday.Infrastructure.Tests.Realtime;

/// <summary>A replay overlapping live delivery, over a real WebSocket: from the replay on, every seq arrives once, in order.</summary>
public sealed class WebSocketConnectionReplayTests : IDisposable
{
    private readonly TestMeterFactory _meters = new();
    private readonly RealtimeMetrics _metrics;

    public WebSocketConnectionReplayTests() => _metrics = new RealtimeMetrics(_meters);

    public void Dispose()
    {
        _metrics.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task ReplayOverlappingLiveDelivery_ShouldStartAgainAfterLastSeq_AndNeitherLoseNorRepeatAfterIt()
    {
        using var client = TestConnection.Open("c1", "alice", _metrics);
        var connection = client.Connection;
        connection.TryEnqueueStream(Event(3), 3, Stopwatch.GetTimestamp());

        // The client resumes from 0: 1 and 2 were never sent, 3 was sent live before the resume.
        connection.BeginReplay();
        connection.TryEnqueueStream(Event(5), 5, Stopwatch.GetTimestamp());
        connection.TryEnqueueStream(Event(6), 6, Stopwatch.GetTimestamp());
        Assert.Equal(5, connection.FirstHeldSeq);
        foreach (var seq in new long[] { 1, 2, 3, 4, 5 })
        {
            connection.TryEnqueueReplayed(Event(seq), seq);
        }

        connection.EndReplay();
        connection.TryEnqueueStream(Event(7), 7, Stopwatch.GetTimestamp());
        connection.TryEnqueue("{\"type\":\"marker\"}"u8.ToArray());

        var seqs = new List<long>();
        while (seqs.Count < 8)
        {
            seqs.Add((await client.ReceiveAsync())!.Value.GetProperty("seq").GetInt64());
        }

        Assert.Equal([3L, 1, 2, 3, 4, 5, 6, 7], seqs);
        Assert.Equal("marker", (await client.ReceiveAsync())!.Value.GetProperty("type").GetString());
        Assert.Null(connection.FirstHeldSeq);
    }

    private static byte[] Event(long seq) => Encoding.UTF8.GetBytes($$"""{"type":"data_changed","seq":{{seq}}}""");
}
