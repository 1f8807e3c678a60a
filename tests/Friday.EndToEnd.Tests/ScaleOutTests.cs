using System.Net;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>Separate Friday processes sharing PostgreSQL and RabbitMQ: what happens on one node reaches clients of all.</summary>
[Collection(ScaleOutCluster.Collection)]
public sealed class ScaleOutTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    [ScaleOutFact]
    public async Task ChangeThroughNodeA_ShouldReachClientOnNodeB_AndMarkReadOnA_ShouldUpdateTabOnB()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        await using var tabOnB = await ScaleOutCluster.ConnectAsync(b, "so-alice", "topics=notes");
        await using var tabOnA = await ScaleOutCluster.ConnectAsync(a, "so-alice", "topics=notes");
        using var alice = await ScaleOutCluster.ClientAsync(a, "so-alice");
        using var service = await ScaleOutCluster.ClientAsync(a, "so-notifier", "service");

        await alice.CreateNoteAsync("Written on A");
        var change = await tabOnB.ReceiveTypeAsync("data_changed");
        Assert.Equal("Written on A", change.GetProperty("data").GetProperty("title").GetString());

        var overSocket = await NotifyAsync(service, tabOnA, tabOnB, "Built");
        var overRest = await NotifyAsync(service, tabOnA, tabOnB, "Deployed");

        // The tab on A marks one read over its WebSocket: the tab on B hears of it, then of the new count.
        await tabOnA.SendAsync(new { type = "mark_read", notification_id = overSocket, id = "read-1" });
        Assert.Equal("read-1", (await tabOnA.ReceiveTypeAsync("notification_update")).GetProperty("reply_to").GetString());
        Assert.Equal(1, (await tabOnA.ReceiveTypeAsync("unread_count")).GetProperty("data").GetProperty("count").GetInt32());
        await AssertReadOnOtherNodeAsync(tabOnB, overSocket, unread: 1);

        // The same over REST, answered by node A.
        using var read = await alice.PostAsync(new Uri($"/api/notifications/{overRest}/read", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await AssertReadOnOtherNodeAsync(tabOnB, overRest, unread: 0);
        await tabOnA.ReceiveTypeAsync("notification_update");
    }

    /// <summary>Sends the user a notification through node A and waits until both tabs have it; returns its id.</summary>
    private static async Task<string> NotifyAsync(HttpClient service, TestSocket tabOnA, TestSocket tabOnB, string message)
    {
        var id = await service.NotifyAsync(new { user_id = "so-alice", type = "build", message });
        Assert.Equal(id, (await tabOnB.ReceiveTypeAsync("notification")).GetProperty("data").GetProperty("notification_id").GetString());
        await tabOnA.ReceiveTypeAsync("notification");
        return id;
    }

    private static async Task AssertReadOnOtherNodeAsync(TestSocket tab, string notificationId, int unread)
    {
        var update = await tab.ReceiveNonHeartbeatAsync();
        Assert.Equal("notification_update", update!.Value.GetProperty("type").GetString());
        Assert.Equal(notificationId, update.Value.GetProperty("data").GetProperty("notification_id").GetString());
        Assert.Equal("read", update.Value.GetProperty("data").GetProperty("status").GetString());
        Assert.False(update.Value.TryGetProperty("reply_to", out _), "reply_to belongs to the asking connection only");
        var count = await tab.ReceiveNonHeartbeatAsync();
        Assert.Equal("unread_count", count!.Value.GetProperty("type").GetString());
        Assert.Equal(unread, count.Value.GetProperty("data").GetProperty("count").GetInt32());
    }

    [ScaleOutFact]
    public async Task NotificationSeenLiveOnTheNodeThatDidNotPublishIt_ShouldNotBeSentAgainAsPending()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        using var service = await ScaleOutCluster.ClientAsync(a, "so-notifier", "service");
        string id;
        await using (var tabOnB = await ScaleOutCluster.ConnectAsync(b, "so-seen", "topics=notes"))
        {
            id = await service.NotifyAsync(new { user_id = "so-seen", type = "build", message = "Seen on B" });
            Assert.Equal(id, (await tabOnB.ReceiveTypeAsync("notification")).GetProperty("data").GetProperty("notification_id").GetString());
            Assert.True(await cluster.WaitUntilDeliveredAsync(id, Settle), "B delivered the notification but it was never recorded as delivered");
        }

        await using var again = await ScaleOutCluster.OpenAsync(a, "so-seen", string.Empty);
        await again.ReceiveTypeAsync("connection");
        var next = (await again.ReceiveNonHeartbeatAsync())!.Value;

        Assert.Equal("unread_count", next.GetProperty("type").GetString());
        Assert.Equal(1, next.GetProperty("data").GetProperty("count").GetInt32());
    }

    [ScaleOutFact]
    public async Task BroadcastToAllThroughNodeA_ShouldReachUnsubscribedConnectionsOnBothNodes_AndBeReplayedOnB()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        long lastSeq;
        await using (var before = await ScaleOutCluster.OpenAsync(b, "so-away", string.Empty))
        {
            lastSeq = (await before.ReceiveTypeAsync("connection")).GetProperty("last_seq").GetInt64();
        }

        await using var onA = await ScaleOutCluster.ConnectAsync(a, "so-bob", string.Empty);
        await using var onB = await ScaleOutCluster.ConnectAsync(b, "so-alice", string.Empty);
        using var service = await ScaleOutCluster.ClientAsync(a, "so-announcer", "service");

        using var response = await service.PostJsonAsync("/api/notifications?all=true", new { type = "maintenance", message = "Everyone, from A" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var hereOnA = await onA.ReceiveTypeAsync("notification");
        var thereOnB = await onB.ReceiveTypeAsync("notification");

        Assert.Equal("broadcast", thereOnB.GetProperty("topic").GetString());
        Assert.Equal("Everyone, from A", thereOnB.GetProperty("message").GetString());
        Assert.Equal(hereOnA.GetProperty("seq").GetInt64(), thereOnB.GetProperty("seq").GetInt64());

        await using var back = await ScaleOutCluster.ConnectAsync(b, "so-away", $"last_seq={lastSeq}");
        var (replayed, resumed) = await back.ReceiveUntilAsync("resumed");
        var missed = Assert.Single(replayed);
        Assert.Equal(thereOnB.GetProperty("seq").GetInt64(), missed.GetProperty("seq").GetInt64());
        Assert.Equal("broadcast", missed.GetProperty("topic").GetString());
        Assert.True(resumed.GetProperty("complete").GetBoolean());
    }

    [ScaleOutFact]
    public async Task ParallelWritersOnThreeNodes_ShouldGiveClientsOnEveryNodeEveryEventInStrictlyIncreasingSeq()
    {
        const string user = "so-writer";
        await using var cluster = await ScaleOutCluster.StartAsync(3);
        var recorders = new List<SeqRecorder>();
        foreach (var node in cluster.Nodes)
        {
            recorders.Add(new SeqRecorder(await ScaleOutCluster.ConnectAsync(node, user, "topics=notes")));
        }

        var created = 0;
        var deadline = DateTime.UtcNow.AddSeconds(3);
        await Task.WhenAll(cluster.Nodes.SelectMany(node => Enumerable.Range(0, 4).Select(async _ =>
        {
            using var client = await ScaleOutCluster.ClientAsync(node, user);
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    await client.CreateNoteAsync("parallel");
                }
                catch (InvalidOperationException ex)
                {
                    // A failed write (once a 500 from a pooled context given back twice, ef01e91) is only explained by the node's log.
                    throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}The node's last output:{Environment.NewLine}{node.RecentOutput}", ex);
                }

                Interlocked.Increment(ref created);
            }
        })));

        foreach (var recorder in recorders)
        {
            await recorder.WaitForAsync(created, Settle);
        }

        var expected = recorders[0].Seqs;
        Assert.Equal(created, expected.Count);
        foreach (var recorder in recorders)
        {
            var seen = recorder.Seqs;
            Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second > p.First), "seq must increase strictly on every node");
            Assert.Equal(expected, seen);
            await recorder.DisposeAsync();
        }
    }
}
