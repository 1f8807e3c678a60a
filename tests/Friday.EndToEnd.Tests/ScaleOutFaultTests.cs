using System.Net;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>The broker goes away and comes back, a node is killed: no committed event is lost to any client.</summary>
[Collection(ScaleOutCluster.Collection)]
public sealed class ScaleOutFaultTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [ScaleOutFact]
    public async Task BrokerStoppedAndStartedMidStream_ShouldKeepNodesServing_AndClientsEndWithEveryEvent()
    {
        const string user = "sf-broker";
        await using var cluster = await ScaleOutCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        await using var onA = new SeqRecorder(await ScaleOutCluster.ConnectAsync(a, user, "topics=notes"));
        await using var onB = new SeqRecorder(await ScaleOutCluster.ConnectAsync(b, user, "topics=notes"));
        using var writer = await ScaleOutCluster.ClientAsync(a, user);
        for (var i = 0; i < 5; i++)
        {
            await writer.CreateNoteAsync($"before {i}");
        }

        await TestRabbitMq.StopAppAsync();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                using var response = await writer.PostJsonAsync("/api/notes", new { title = $"during {i}", content = "Text" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }

            Assert.Contains("Degraded", await ScaleOutCluster.ReadinessAsync(a), StringComparison.Ordinal);
            Assert.True(await onA.WaitForAsync(10, Settle), "the writing node's own client must keep receiving during the outage");
        }
        finally
        {
            await TestRabbitMq.StartAppAsync();
        }

        await ScaleOutCluster.WaitUntilReadyAsync(a);
        await ScaleOutCluster.WaitUntilReadyAsync(b);
        for (var i = 0; i < 5; i++)
        {
            await writer.CreateNoteAsync($"after {i}");
        }

        Assert.True(await onB.WaitForAsync(15, Settle), $"node B's client got {onB.Seqs.Count} of 15: the gap must be filled from the event log");
        // Node A's client is compared whole: the last note may still be on its way to it when B's has all.
        Assert.True(await onA.WaitForAsync(15, Settle), $"node A's client got {onA.Seqs.Count} of 15");
        Assert.Equal(onA.Seqs, onB.Seqs);
        await using var resumed = new SeqRecorder(await ScaleOutCluster.ConnectAsync(b, user, "topics=notes&last_seq=0"));
        Assert.True(await resumed.WaitForAsync(15, Settle));
        Assert.Equal(onA.Seqs, resumed.Seqs);
    }

    [ScaleOutFact]
    public async Task NodeKilled_ThenClientReconnectsToAnotherNode_ShouldResumeWithNothingLost()
    {
        const string user = "sf-kill";
        await using var cluster = await ScaleOutCluster.StartAsync(2);
        var (doomed, survivor) = (cluster.Nodes[0], cluster.Nodes[1]);
        var first = new SeqRecorder(await ScaleOutCluster.ConnectAsync(doomed, user, "topics=notes"));
        using var writer = await ScaleOutCluster.ClientAsync(survivor, user);
        using var stop = new CancellationTokenSource();
        var created = 0;
        var writing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await writer.CreateNoteAsync("steady");
                Interlocked.Increment(ref created);
            }
        });

        await first.WaitForAsync(10, Settle);
        await doomed.KillAsync();
        await first.DisposeAsync();
        var seen = first.Seqs.ToList();
        await using var second = new SeqRecorder(await ScaleOutCluster.ConnectAsync(survivor, user, $"topics=notes&last_seq={first.Last}"));
        await Task.Delay(500);
        await stop.CancelAsync();
        await writing;

        Assert.True(await second.WaitForAsync(created - seen.Count, Settle), $"got {seen.Count} + {second.Seqs.Count} of {created}");
        var all = seen.Concat(second.Seqs).ToList();
        Assert.Equal(created, all.Count);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.Second > p.First), "no duplicate and no reordering across the reconnect");
    }
}
