using System.Collections.Concurrent;
using System.Text.Json;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// Many writers at once: seq increases strictly in the order events are seen, and a client that drops
/// out at a random moment and resumes ends with exactly what a client that never left got.
/// </summary>
public class StreamOrderTests(FridayServer server) : IClassFixture<FridayServer>
{
    private const int Writers = 20;

    [ProviderFact]
    public async Task ParallelWriters_ShouldGiveStrictlyIncreasingSeq_AndAResumingClientTheSameEvents()
    {
        const string user = "so-user";
        var steadyEvents = new ConcurrentQueue<long>();
        var steady = await SubscribedAsync(user, null, steadyEvents);
        var resumingEvents = new ConcurrentQueue<long>();
        // Both clients hold notes before the first write, so both are owed every event.
        var resuming = await SubscribedAsync(user, null, resumingEvents);
        using var stop = new CancellationTokenSource();

        var steadyReader = ReadAllAsync(steady, steadyEvents, stop.Token);
        var resumingReader = DropAndResumeAsync(user, resuming, resumingEvents, stop.Token);

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
        while ((steadyEvents.Count < created || resumingEvents.Count < created) && DateTime.UtcNow < settle)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await Task.WhenAll(steadyReader, resumingReader);
        await steady.DisposeAsync();

        var seen = steadyEvents.ToList();
        Assert.Equal(created, seen.Count);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second > p.First), "seq must increase strictly in delivery order");
        var resumed = resumingEvents.ToList();
        Assert.Equal(resumed.Count, resumed.Distinct().Count());
        Assert.Equal(seen, resumed.Order().ToList());
    }

    /// <summary>Reads until cancelled, then disconnects at a random point, comes back with ?last_seq= and reads on.</summary>
    private async Task DropAndResumeAsync(string user, TestSocket socket, ConcurrentQueue<long> events, CancellationToken stop)
    {
        var dropAfter = Random.Shared.Next(5, 60);
        var lastSeq = 0L;
        while (events.Count < dropAfter && !stop.IsCancellationRequested)
        {
            var message = await NextAsync(socket, stop);
            if (message is { } m && m.GetProperty("type").GetString() == "data_changed")
            {
                lastSeq = m.GetProperty("seq").GetInt64();
                events.Enqueue(lastSeq);
            }
        }

        socket.Socket.Abort();
        await Task.Delay(Random.Shared.Next(100, 400), CancellationToken.None);
        await using var again = await SubscribedAsync(user, lastSeq, events);
        await ReadAllAsync(again, events, stop);
    }

    private static async Task ReadAllAsync(TestSocket socket, ConcurrentQueue<long> events, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var message = await NextAsync(socket, stop);
            if (message is { } m && m.GetProperty("type").GetString() == "data_changed")
            {
                events.Enqueue(m.GetProperty("seq").GetInt64());
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
    private async Task<TestSocket> SubscribedAsync(string user, long? lastSeq, ConcurrentQueue<long> events)
    {
        var query = lastSeq is { } seq ? $"last_seq={seq}&topics=notes" : "topics=notes";
        var socket = await server.ConnectAsync(user, extraQuery: query);
        var last = lastSeq is null ? "unread_count" : "resumed";
        while (true)
        {
            var message = (await socket.ReceiveAsync())!.Value;
            var type = message.GetProperty("type").GetString();
            if (type == "data_changed")
            {
                events.Enqueue(message.GetProperty("seq").GetInt64());
            }
            else if (type == last)
            {
                return socket;
            }
        }
    }
}

public sealed class StreamOrderPostgresTests(PostgresFridayServer server) : StreamOrderTests(server), IClassFixture<PostgresFridayServer>, IPostgresTests;

public sealed class StreamOrderSqlServerTests(SqlServerFridayServer server) : StreamOrderTests(server), IClassFixture<SqlServerFridayServer>, ISqlServerTests;
