using System.Text;
using Friday.Infrastructure.Realtime;
using Friday.Infrastructure.Tests.Support;

namespace Friday.Infrastructure.Tests.Realtime;

/// <summary>A replay overlapping live delivery, over a real WebSocket: every seq arrives once, in order.</summary>
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
    public async Task ReplayOverlappingLiveDelivery_ShouldNeitherLoseNorDuplicateASeq()
    {
        using var client = TestConnection.Open("c1", "alice", _metrics);
        var connection = client.Connection;
        connection.TryEnqueueStream(Event(1), 1);

        connection.BeginReplay();
        connection.TryEnqueueStream(Event(3), 3);
        connection.TryEnqueueReplayed(Event(1), 1);
        connection.TryEnqueueReplayed(Event(2), 2);
        connection.TryEnqueueReplayed(Event(3), 3);
        connection.TryEnqueueReplayed(Event(4), 4);
        connection.EndReplay(deliveredUpTo: 3);
        connection.TryEnqueueStream(Event(4), 4);
        connection.TryEnqueueStream(Event(5), 5);
        connection.TryEnqueueStream(Event(6), 6);
        connection.TryEnqueue("{\"type\":\"marker\"}"u8.ToArray());

        var seqs = new List<long>();
        while (seqs.Count < 6)
        {
            seqs.Add((await client.ReceiveAsync())!.Value.GetProperty("seq").GetInt64());
        }

        Assert.Equal([1L, 2, 3, 4, 5, 6], seqs);
        Assert.Equal("marker", (await client.ReceiveAsync())!.Value.GetProperty("type").GetString());
    }

    private static byte[] Event(long seq) => Encoding.UTF8.GetBytes($$"""{"type":"data_changed","seq":{{seq}}}""");
}
