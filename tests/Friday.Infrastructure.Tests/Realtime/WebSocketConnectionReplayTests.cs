using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Friday.Application.Notifications;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Realtime;
using Friday.Infrastructure.Tests.Support;

namespace Friday.Infrastructure.Tests.Realtime;

/// <summary>
/// A replay overlapping live delivery, over a real WebSocket: from the replay on, every seq arrives once,
/// in order, and what the user is told of meanwhile waits for the replay that may predate it.
/// </summary>
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

    [Fact]
    public async Task UserMessageDuringReplay_ShouldWaitAmongTheHeldEventsInArrivalOrder_WhileAReplyGoesAtOnce()
    {
        var manager = new WebSocketManager(_metrics);
        using var client = TestConnection.Open("c1", "alice", _metrics);
        var connection = client.Connection;
        manager.Register(connection);

        connection.BeginReplay();

        // The user read the notification elsewhere while the replay was under way: what MarkNotificationRead sends.
        manager.SendToUser("alice", NotificationMessages.Read(Guid.NewGuid()));
        connection.TryEnqueueStream(Event(2), 2, Stopwatch.GetTimestamp());
        manager.SendToUser("alice", NotificationMessages.UnreadCount(0));
        manager.SendToConnection("c1", NotificationMessages.UnreadCount(0, MessageId.Text("r1")));
        connection.TryEnqueueStream(Event(3), 3, Stopwatch.GetTimestamp());
        Assert.Equal(2, connection.FirstHeldSeq);
        connection.TryEnqueueReplayed(Event(1), 1);
        connection.EndReplay();
        manager.SendToUser("alice", NotificationMessages.UnreadCount(1));

        var received = new List<string>();
        while (received.Count < 7)
        {
            received.Add(Describe((await client.ReceiveAsync())!.Value));
        }

        Assert.Equal(["unread_count reply_to r1", "seq 1", "notification_update", "seq 2", "unread_count", "seq 3", "unread_count"], received);
    }

    [Fact]
    public async Task UserMessagesDuringReplay_BeyondTheHeldLimit_ShouldCloseWith1013()
    {
        var manager = new WebSocketManager(_metrics);
        // A queue of 8 that nobody reads: only holding lets more than 8 wait, up to the held limit of 1024.
        using var client = TestConnection.Open("c1", "alice", _metrics, queueCapacity: 8, startWriter: false);
        var connection = client.Connection;
        manager.Register(connection);

        connection.BeginReplay();
        var sent = Enumerable.Range(0, 1025).Sum(i => manager.SendToUser("alice", NotificationMessages.UnreadCount(i)));

        Assert.Equal(1024, sent);
        Assert.Equal(CloseCodes.TryAgainLater, connection.CloseCode);
        client.StartWriter();
        Assert.Equal("close:1013", await client.ReceiveTypeOrCloseAsync());
    }

    private static string Describe(JsonElement message) =>
        message.TryGetProperty("seq", out var seq) ? $"seq {seq.GetInt64()}"
        : message.TryGetProperty("reply_to", out var replyTo) ? $"{message.GetProperty("type").GetString()} reply_to {replyTo.GetString()}"
        : message.GetProperty("type").GetString()!;

    private static byte[] Event(long seq) => Encoding.UTF8.GetBytes($$"""{"type":"data_changed","seq":{{seq}}}""");
}
