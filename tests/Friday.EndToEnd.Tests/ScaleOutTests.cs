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

        using var published = await service.PostJsonAsync("/api/notifications", new { user_id = "so-alice", type = "build", message = "Built" });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var id = (await published.ReadJsonAsync()).GetProperty("notification_id").GetString();
        Assert.Equal(id, (await tabOnB.ReceiveTypeAsync("notification")).GetProperty("data").GetProperty("notification_id").GetString());
        await tabOnA.ReceiveTypeAsync("notification");

        using var read = await alice.PostAsync(new Uri($"/api/notifications/{id}/read", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var update = await tabOnB.ReceiveTypeAsync("notification_update");
        var count = await tabOnB.ReceiveTypeAsync("unread_count");
        Assert.Equal(id, update.GetProperty("data").GetProperty("notification_id").GetString());
        Assert.Equal(0, count.GetProperty("data").GetProperty("count").GetInt32());
        await tabOnA.ReceiveTypeAsync("notification_update");
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
            using var published = await service.PostJsonAsync("/api/notifications", new { user_id = "so-seen", type = "build", message = "Seen on B" });
            id = (await published.ReadJsonAsync()).GetProperty("notification_id").GetString()!;
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
                await client.CreateNoteAsync("parallel");
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
