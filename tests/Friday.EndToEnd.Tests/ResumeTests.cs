using System.Text.Json;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>Nothing lost across a reconnect: replay since a seq, in order, only what the client may see.</summary>
public class ResumeTests(FridayServer server) : IClassFixture<FridayServer>
{
    [ProviderFact]
    public async Task ConnectWithLastSeqAndTopics_ShouldReplayTheMissedEventsInOrder_ThenResumed()
    {
        var (lastSeen, missed) = await SeenThenMissedAsync("rs-connect");

        await using var again = await server.ConnectAsync("rs-connect", extraQuery: $"last_seq={lastSeen}&topics=notes");
        var (replayed, resumed) = await ReplayAsync(again);

        Assert.Equal(missed, replayed.Select(m => m.GetProperty("id").GetString()));
        var seqs = replayed.Select(m => m.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.All(seqs, s => Assert.True(s > lastSeen));
        Assert.Equal(lastSeen, resumed.GetProperty("from_seq").GetInt64());
        Assert.Equal(3, resumed.GetProperty("replayed").GetInt32());
        Assert.True(resumed.GetProperty("complete").GetBoolean());
        Assert.True(resumed.GetProperty("to_seq").GetInt64() >= seqs[^1]);
    }

    [ProviderFact]
    public async Task ResumeMessage_ShouldReplayWhatTheConnectionMissed_WithReplyTo()
    {
        using var client = server.ClientFor("rs-message");
        await using var socket = await SubscribedAsync("rs-message", "notes");
        await client.CreateNoteAsync("Seen live");
        var baseline = (await socket.ReceiveTypeAsync("data_changed")).GetProperty("seq").GetInt64();
        var first = await (await client.PostJsonAsync("/api/tasks", new { title = "One" })).ReadJsonAsync();
        (await client.PostJsonAsync("/api/tasks", new { title = "Two" })).Dispose();
        await socket.SendAsync(new { type = "subscribe", topic = "tasks" });
        await socket.ReceiveTypeAsync("subscription");

        await socket.SendAsync(new { type = "resume", last_seq = baseline, id = "r1" });
        var replayedFirst = await socket.ReceiveTypeAsync("data_changed");
        var replayedSecond = await socket.ReceiveTypeAsync("data_changed");
        var resumed = await socket.ReceiveTypeAsync("resumed");

        Assert.Equal(first.GetProperty("id").GetString(), replayedFirst.GetProperty("id").GetString());
        Assert.Equal("Two", replayedSecond.GetProperty("data").GetProperty("title").GetString());
        Assert.Equal("r1", resumed.GetProperty("reply_to").GetString());
        Assert.Equal(2, resumed.GetProperty("replayed").GetInt32());
    }

    [ProviderFact]
    public async Task ResumeMessage_AfterALiveEvent_ShouldReplayEveryMissedEventBelowIt_ThenGoOnLiveInOrder()
    {
        using var client = server.ClientFor("rs-behind");
        var (lastSeen, expected) = await SeenThenMissedAsync("rs-behind");

        // Reconnected and subscribed, the client receives a live event before it asks to resume.
        await using var socket = await SubscribedAsync("rs-behind", "notes");
        expected.Add((await client.CreateNoteAsync("Live before resume")).GetProperty("id").GetString()!);
        var live = await socket.ReceiveTypeAsync("data_changed");
        Assert.Equal(expected[^1], live.GetProperty("id").GetString());

        await socket.SendAsync(new { type = "resume", last_seq = lastSeen, id = "behind" });
        var (replayed, resumed) = await ReplayAsync(socket);
        var after = (await client.CreateNoteAsync("After resume")).GetProperty("id").GetString();
        var next = await socket.ReceiveTypeAsync("data_changed");

        // From the resume on, the stream starts again after last_seq: complete, in order, nothing twice.
        Assert.Equal(expected, replayed.Select(m => m.GetProperty("id").GetString()));
        var seqs = replayed.Select(m => m.GetProperty("seq").GetInt64()).ToList();
        Assert.True(seqs.Zip(seqs.Skip(1)).All(p => p.Second > p.First), $"replayed seqs must increase strictly: {string.Join(",", seqs)}");
        Assert.True(seqs[0] > lastSeen);
        Assert.Equal(live.GetProperty("seq").GetInt64(), seqs[^1]);
        Assert.Equal(4, resumed.GetProperty("replayed").GetInt32());
        Assert.True(resumed.GetProperty("complete").GetBoolean());
        Assert.Equal("behind", resumed.GetProperty("reply_to").GetString());
        Assert.Equal(after, next.GetProperty("id").GetString());
        Assert.True(next.GetProperty("seq").GetInt64() > seqs[^1]);
    }

    [ProviderFact]
    public async Task Replay_ShouldNeverContainAnotherUsersEvents()
    {
        using var alice = server.ClientFor("rs-alice");
        using var bob = server.ClientFor("rs-bob");
        using var service = server.ClientFor("rs-svc", "service");
        await alice.CreateNoteAsync("Alice private");
        await bob.CreateNoteAsync("Bob private");
        (await service.PostJsonAsync("/api/notifications", new { user_id = "rs-alice", type = "news", message = "For Alice" })).Dispose();

        await using var socket = await server.ConnectAsync("rs-bob", extraQuery: "last_seq=0&topics=notes,tasks,activities");
        var (replayed, _) = await socket.ReceiveUntilAsync("resumed");

        Assert.DoesNotContain(replayed, m => m.GetProperty("type").GetString() == "notification");
        var owners = replayed.Where(m => m.GetProperty("type").GetString() == "data_changed").Select(m => m.GetProperty("data").GetProperty("owner_id").GetString());
        Assert.Equal(["rs-bob"], owners.Distinct());
    }

    [ProviderFact]
    public async Task ReplayedPublicBroadcasts_ShouldFollowTheTopicsHeld()
    {
        using var service = server.ClientFor("rs-pub", "service");
        long before;
        await using (var probe = await server.ConnectReadyAsync("rs-public"))
        {
            await probe.SendAsync(new { type = "subscribe", topic = "rs_status" });
            await probe.ReceiveTypeAsync("subscription");
            (await service.PostJsonAsync("/api/notifications?topic=rs_status", new { type = "status", message = "first" })).Dispose();
            before = (await probe.ReceiveTypeAsync("notification")).GetProperty("seq").GetInt64();
        }

        (await service.PostJsonAsync("/api/notifications?topic=rs_status", new { type = "status", message = "while away" })).Dispose();
        (await service.PostJsonAsync("/api/notifications?topic=rs_other", new { type = "status", message = "not mine" })).Dispose();

        await using var socket = await server.ConnectAsync("rs-public", extraQuery: $"last_seq={before}&topics=rs_status");
        var notification = await socket.ReceiveTypeAsync("notification");
        var resumed = await socket.ReceiveTypeAsync("resumed");

        Assert.Equal("while away", notification.GetProperty("message").GetString());
        Assert.Equal(1, resumed.GetProperty("replayed").GetInt32());
    }

    /// <summary>Read over REST while the user was away, a notification replays with its read_at; an unread one beside it without.</summary>
    [ProviderFact]
    public async Task ConnectWithLastSeq_ShouldReplayANotificationReadWhileAway_WithItsReadAt()
    {
        var (lastSeen, read, unread) = await NotifiedWhileAwayAsync("rs-read-rest");
        using var user = server.ClientFor("rs-read-rest");
        using var response = await user.PostAsync($"/api/notifications/{read}/read", null);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var readAt = (await response.ReadJsonAsync()).GetProperty("read_at").GetString();

        await using var socket = await server.ConnectAsync("rs-read-rest", extraQuery: $"last_seq={lastSeen}");
        var (replayed, resumed) = await ReplayAsync(socket, "notification");

        Assert.Equal([read, unread], replayed.Select(n => n.GetProperty("data").GetProperty("notification_id").GetString()));
        Assert.Equal(readAt, replayed[0].GetProperty("data").GetProperty("read_at").GetString());
        Assert.Equal("Read elsewhere", replayed[0].GetProperty("data").GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, replayed[1].GetProperty("data").GetProperty("read_at").ValueKind);
        Assert.True(replayed[0].GetProperty("seq").GetInt64() > lastSeen);
        Assert.True(replayed[1].GetProperty("seq").GetInt64() > replayed[0].GetProperty("seq").GetInt64());
        Assert.Equal(2, resumed.GetProperty("replayed").GetInt32());
    }

    /// <summary>Read with mark_read, then replayed on the same connection by resume: read_at set, the unread one's still null.</summary>
    [ProviderFact]
    public async Task ResumeMessage_AfterMarkRead_ShouldReplayTheNotificationWithItsReadAt()
    {
        var (lastSeen, read, unread) = await NotifiedWhileAwayAsync("rs-read-ws");
        await using var socket = await server.ConnectReadyAsync("rs-read-ws");
        await socket.SendAsync(new { type = "mark_read", notification_id = read });
        await socket.ReceiveTypeAsync("notification_update");

        await socket.SendAsync(new { type = "resume", last_seq = lastSeen, id = "read" });
        var (replayed, resumed) = await ReplayAsync(socket, "notification");

        Assert.Equal([read, unread], replayed.Select(n => n.GetProperty("data").GetProperty("notification_id").GetString()));
        Assert.True(replayed[0].GetProperty("data").GetProperty("read_at").TryGetDateTimeOffset(out _));
        Assert.Equal(JsonValueKind.Null, replayed[1].GetProperty("data").GetProperty("read_at").ValueKind);
        Assert.Equal(2, resumed.GetProperty("replayed").GetInt32());
        Assert.Equal("read", resumed.GetProperty("reply_to").GetString());
    }

    /// <summary>A notification seen live on a connection that then closes, and two sent while away: the seen seq and the two ids.</summary>
    private async Task<(long LastSeen, string Read, string Unread)> NotifiedWhileAwayAsync(string userId)
    {
        using var service = server.ClientFor("rs-notifier", "service");
        long lastSeen;
        await using (var first = await server.ConnectReadyAsync(userId))
        {
            await service.NotifyAsync(new { user_id = userId, type = "news", message = "Seen" });
            lastSeen = (await first.ReceiveTypeAsync("notification")).GetProperty("seq").GetInt64();
        }

        var read = await service.NotifyAsync(new { user_id = userId, type = "news", message = "Read elsewhere" });
        var unread = await service.NotifyAsync(new { user_id = userId, type = "news", message = "Still unread" });
        return (lastSeen, read, unread);
    }

    /// <summary>A note seen live on a connection that then closes, and three notes created while away: the seen seq and the missed ids.</summary>
    private async Task<(long LastSeen, List<string> Missed)> SeenThenMissedAsync(string userId)
    {
        using var client = server.ClientFor(userId);
        long lastSeen;
        await using (var first = await SubscribedAsync(userId, "notes"))
        {
            await client.CreateNoteAsync("Seen");
            lastSeen = (await first.ReceiveTypeAsync("data_changed")).GetProperty("seq").GetInt64();
        }

        var missed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            missed.Add((await client.CreateNoteAsync($"Missed {i}")).GetProperty("id").GetString()!);
        }

        return (lastSeen, missed);
    }

    /// <summary>The messages of the type (<c>data_changed</c> unless told) up to <c>resumed</c>, and <c>resumed</c> itself.</summary>
    private static async Task<(List<JsonElement> Replayed, JsonElement Resumed)> ReplayAsync(TestSocket socket, string type = "data_changed")
    {
        var (before, resumed) = await socket.ReceiveUntilAsync("resumed");
        return ([.. before.Where(m => m.GetProperty("type").GetString() == type)], resumed);
    }

    private async Task<TestSocket> SubscribedAsync(string userId, string topic)
    {
        var socket = await server.ConnectReadyAsync(userId);
        await socket.SendAsync(new { type = "subscribe", topic });
        await socket.ReceiveTypeAsync("subscription");
        return socket;
    }
}

public sealed class ResumePostgresTests(PostgresFridayServer server) : ResumeTests(server), IClassFixture<PostgresFridayServer>, IPostgresTests;

public sealed class ResumeSqlServerTests(SqlServerFridayServer server) : ResumeTests(server), IClassFixture<SqlServerFridayServer>, ISqlServerTests;
