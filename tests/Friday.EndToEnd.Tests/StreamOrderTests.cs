using System.Collections.Concurrent;
using System.Text.Json;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// Many writers at once: seq increases strictly in the order events are seen, and a client that drops
/// out at a random moment and resumes ends with exactly what a client that never left got, in order.
/// </summary>
public class StreamOrderTests(FridayServer server) : IClassFixture<FridayServer>
{
    private const int Writers = 20;

    /// <summary>The client reconnects with <c>?last_seq=</c>: what it receives, from its first connection on, increases strictly.</summary>
    [ProviderFact]
    public async Task ParallelWriters_ShouldGiveStrictlyIncreasingSeq_AndAClientResumingAtConnectTheSameEventsInOrder()
    {
        var (seen, received) = await RunAsync("so-connect", (lastSeq, events, stop) => ReconnectAtLastSeqAsync("so-connect", lastSeq, events, stop));

        Assert.Equal(seen, received.Where(e => !e.Marker).Select(e => e.Seq));
    }

    /// <summary>
    /// The client reconnects without a seq, receives live events, then sends <c>resume</c>: from the
    /// replay's first event on — which repeats whatever arrived live before it — the stream increases
    /// strictly and holds every event after its last seq, none twice.
    /// </summary>
    [ProviderFact]
    public async Task ParallelWriters_AndAClientSendingResumeAfterLiveEvents_ShouldGetEveryEventAfterItsSeqInOrder()
    {
        var (seen, received) = await RunAsync("so-message", (lastSeq, events, stop) => ReconnectThenResumeAsync("so-message", lastSeq, events, stop));

        var lastSeq = received.First(e => e.Marker).Seq;
        var before = received.TakeWhile(e => !e.Marker).Select(e => e.Seq).ToList();
        var afterReconnect = received.SkipWhile(e => !e.Marker).Skip(1).Select(e => e.Seq).ToList();
        var firstOwed = seen.First(s => s > lastSeq);
        var replayStart = afterReconnect.LastIndexOf(firstOwed);
        Assert.True(replayStart >= 0, $"the replay after {lastSeq} never sent {firstOwed}");
        Assert.All(afterReconnect[..replayStart], s => Assert.Contains(s, afterReconnect[replayStart..]));
        Assert.Equal(seen, [.. before, .. afterReconnect[replayStart..]]);
    }

    /// <summary>
    /// A steady client and one that drops out after a random number of events and comes back through
    /// <paramref name="reconnect"/>, while 20 writers create notes for a few seconds. Returns the steady
    /// client's seqs, checked to increase strictly, and the other's as received, with a marker where it dropped out.
    /// </summary>
    private async Task<(List<long> Seen, List<Received> Other)> RunAsync(string user, Func<long, ConcurrentQueue<Received>, CancellationToken, Task> reconnect)
    {
        var steadyEvents = new ConcurrentQueue<Received>();
        var steady = await SubscribedAsync(user, null, steadyEvents);
        var otherEvents = new ConcurrentQueue<Received>();
        // Both clients hold notes before the first write, so both are owed every event.
        var other = await SubscribedAsync(user, null, otherEvents);
        using var stop = new CancellationTokenSource();

        var steadyReader = ReadAllAsync(steady, steadyEvents, stop.Token);
        var otherReader = DropAndComeBackAsync(other, otherEvents, reconnect, stop.Token);

        var created = 0;
        var deadline = DateTime.UtcNow.AddSeconds(3);
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async w =>
        {
            using var client = server.ClientFor(user);
            while (DateTime.UtcNow < deadline)
            {
                await client.CreateNoteAsync($"writer {w}");
                Interlocked.Increment(ref created);
            }
        }));

        var settle = DateTime.UtcNow.AddSeconds(20);
        while ((steadyEvents.Count < created || otherEvents.Where(e => !e.Marker).Select(e => e.Seq).Distinct().Count() < created) && DateTime.UtcNow < settle)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await Task.WhenAll(steadyReader, otherReader);
        await steady.DisposeAsync();

        var seen = steadyEvents.Select(e => e.Seq).ToList();
        Assert.Equal(created, seen.Count);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second > p.First), "seq must increase strictly in delivery order");
        return (seen, [.. otherEvents]);
    }

    /// <summary>Reads until a random number of events arrived, aborts the socket, and hands the last seq to <paramref name="reconnect"/>.</summary>
    private static async Task DropAndComeBackAsync(TestSocket socket, ConcurrentQueue<Received> events, Func<long, ConcurrentQueue<Received>, CancellationToken, Task> reconnect, CancellationToken stop)
    {
        var dropAfter = Random.Shared.Next(5, 60);
        var lastSeq = 0L;
        var count = events.Count;
        while (count < dropAfter && !stop.IsCancellationRequested)
        {
            if (await NextAsync(socket, stop) is { } m && m.GetProperty("type").GetString() == "data_changed")
            {
                lastSeq = m.GetProperty("seq").GetInt64();
                events.Enqueue(new Received(lastSeq));
                count++;
            }
        }

        socket.Socket.Abort();
        events.Enqueue(new Received(lastSeq, Marker: true));
        await Task.Delay(Random.Shared.Next(100, 400), CancellationToken.None);
        await reconnect(lastSeq, events, stop);
    }

    private async Task ReconnectAtLastSeqAsync(string user, long lastSeq, ConcurrentQueue<Received> events, CancellationToken stop)
    {
        await using var again = await SubscribedAsync(user, lastSeq, events);
        await ReadAllAsync(again, events, stop);
    }

    /// <summary>Resumes only once a live event arrived after the reconnect: the case where the replay must go below what was sent live.</summary>
    private async Task ReconnectThenResumeAsync(string user, long lastSeq, ConcurrentQueue<Received> events, CancellationToken stop)
    {
        var before = events.Count;
        await using var again = await SubscribedAsync(user, null, events);
        while (events.Count == before && !stop.IsCancellationRequested)
        {
            if (await NextAsync(again, stop) is { } m && m.GetProperty("type").GetString() == "data_changed")
            {
                events.Enqueue(new Received(m.GetProperty("seq").GetInt64()));
            }
        }

        await again.SendAsync(new { type = "resume", last_seq = lastSeq });
        await ReadAllAsync(again, events, stop);
    }

    private static async Task ReadAllAsync(TestSocket socket, ConcurrentQueue<Received> events, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (await NextAsync(socket, stop) is { } m && m.GetProperty("type").GetString() == "data_changed")
            {
                events.Enqueue(new Received(m.GetProperty("seq").GetInt64()));
            }
        }
    }

    private static async Task<JsonElement?> NextAsync(TestSocket socket, CancellationToken stop)
    {
        try
        {
            // A receive that times out aborts the socket, so one waits long and only the wait is cancelled.
            return await socket.ReceiveAsync(TimeSpan.FromMinutes(2)).WaitAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Connects subscribed to notes; with a seq, the replayed events before <c>resumed</c> are collected too.</summary>
    private async Task<TestSocket> SubscribedAsync(string user, long? lastSeq, ConcurrentQueue<Received> events)
    {
        var query = lastSeq is { } seq ? $"last_seq={seq}&topics=notes" : "topics=notes";
        var socket = await server.ConnectAsync(user, extraQuery: query);
        var (before, _) = await socket.ReceiveUntilAsync(lastSeq is null ? "unread_count" : "resumed");
        foreach (var message in before.Where(m => m.GetProperty("type").GetString() == "data_changed"))
        {
            events.Enqueue(new Received(message.GetProperty("seq").GetInt64()));
        }

        return socket;
    }

    /// <summary>A <c>data_changed</c> seq as it arrived, or the marker of the moment the client dropped out (its last seq).</summary>
    private sealed record Received(long Seq, bool Marker = false);
}

public sealed class StreamOrderPostgresTests(PostgresFridayServer server) : StreamOrderTests(server), IClassFixture<PostgresFridayServer>, IPostgresTests;

public sealed class StreamOrderSqlServerTests(SqlServerFridayServer server) : StreamOrderTests(server), IClassFixture<SqlServerFridayServer>, ISqlServerTests;
