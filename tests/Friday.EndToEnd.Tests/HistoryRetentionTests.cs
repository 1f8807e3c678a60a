using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

/// <summary>The history is trimmed to its limits without holes, and a resume says whether it reached past it.</summary>
public class HistoryRetentionTests
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [ProviderFact]
    public async Task ResumeFromBeforeTheKeptHistory_ShouldSayIncomplete()
    {
        await using var server = Server(("EventLog:MaxEvents", "3"));
        using var client = server.ClientFor("hr-user");
        for (var i = 0; i < 8; i++)
        {
            await client.CreateNoteAsync($"Note {i}");
        }

        await EventLogTrim.ThroughAsync(server, await EventLogTrim.LastSeqAsync(server) - 3);
        await using var socket = await server.ConnectAsync("hr-user", extraQuery: "last_seq=1&topics=notes");
        var resumed = await socket.ReceiveTypeAsync("resumed");

        Assert.False(resumed.GetProperty("complete").GetBoolean());
        Assert.Equal(3, resumed.GetProperty("replayed").GetInt32());
    }

    [ProviderFact]
    public async Task ResumeWithinTheKeptHistory_ShouldBeComplete()
    {
        await using var server = Server(("EventLog:MaxEvents", "3"));
        using var client = server.ClientFor("hr-recent");
        await using var socket = await server.ConnectReadyAsync("hr-recent");
        await socket.SendAsync(new { type = "subscribe", topic = "notes" });
        await socket.ReceiveTypeAsync("subscription");
        await client.CreateNoteAsync("Recent");
        var seq = (await socket.ReceiveTypeAsync("data_changed")).GetProperty("seq").GetInt64();

        await socket.SendAsync(new { type = "resume", last_seq = seq });
        var resumed = await socket.ReceiveTypeAsync("resumed");

        Assert.True(resumed.GetProperty("complete").GetBoolean());
        Assert.Equal(0, resumed.GetProperty("replayed").GetInt32());
    }

    /// <summary>
    /// An event whose timestamp is older than its neighbours' (its node's clock was behind, or it was
    /// numbered late after a crash) sits between younger ones in seq order: trimming must not cut it out
    /// of the middle while a resume across it answers complete. The oldest event is aged too: trimming
    /// it shows that a trim ran with the skewed event in place.
    /// </summary>
    [ProviderFact]
    public async Task EventOlderThanItsNeighbours_ShouldNotBeCutOutOfTheMiddleOfTheHistory()
    {
        await using var server = Server(("EventLog:RetentionHours", "1"));
        using var client = server.ClientFor("hr-skew");
        await using var socket = await server.ConnectReadyAsync("hr-skew", extraQuery: "topics=notes");
        var seqs = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            await client.CreateNoteAsync($"Note {i}");
            seqs.Add((await socket.ReceiveTypeAsync("data_changed")).GetProperty("seq").GetInt64());
        }

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
            var skewed = DateTimeOffset.UtcNow.AddHours(-2);
            await db.StreamEvents.Where(e => e.Seq == seqs[0] || e.Seq == seqs[2]).ExecuteUpdateAsync(s => s.SetProperty(e => e.CreatedAt, skewed));
        }

        await EventLogTrim.ThroughAsync(server, seqs[0]);
        var kept = seqs[1..];
        await using var again = await server.ConnectAsync("hr-skew", extraQuery: $"last_seq={kept[0]}&topics=notes");
        var (before, resumed) = await again.ReceiveUntilAsync("resumed");

        var replayed = before.Where(m => m.GetProperty("type").GetString() == "data_changed").Select(m => m.GetProperty("seq").GetInt64()).ToList();
        Assert.True(
            replayed.SequenceEqual(kept[1..]) || !resumed.GetProperty("complete").GetBoolean(),
            $"complete: true, yet the replay after {kept[0]} was [{string.Join(",", replayed)}] of [{string.Join(",", kept[1..])}]");
        Assert.Equal(kept[1..], replayed);
    }

    /// <summary>Events of notifications not yet delivered stay below the trim point; they must not make an incomplete history look complete.</summary>
    [ProviderFact]
    public async Task ResumeFromBeforeTheTrimPoint_ShouldSayIncomplete_EvenWhenAnUndeliveredNotificationIsKeptThere()
    {
        await using var server = Server(("EventLog:MaxEvents", "2"));
        using var service = server.ClientFor("hr-svc", "service");
        (await service.PostJsonAsync("/api/notifications", new { user_id = "hr-offline", type = "news", message = "Kept until delivered" })).Dispose();
        using var client = server.ClientFor("hr-trimmed");
        for (var i = 0; i < 5; i++)
        {
            await client.CreateNoteAsync($"Note {i}");
        }

        await EventLogTrim.ThroughAsync(server, await EventLogTrim.LastSeqAsync(server) - 2);
        await using var socket = await server.ConnectAsync("hr-trimmed", extraQuery: "last_seq=1&topics=notes");
        var resumed = await socket.ReceiveTypeAsync("resumed");

        Assert.False(resumed.GetProperty("complete").GetBoolean());
        Assert.Equal(2, resumed.GetProperty("replayed").GetInt32());
    }

    /// <summary>
    /// The log keeps the event of a notification no connection got, for the user's next connect; once
    /// the notification is read it will not be sent then, and its event is trimmed like any other.
    /// </summary>
    [ProviderFact]
    public async Task EventOfANotificationReadBeforeAnyConnectionGotIt_ShouldBeTrimmed_WhileAnUnreadOneIsKept()
    {
        await using var server = Server(("EventLog:MaxEvents", "2"));
        using var service = server.ClientFor("hr-svc", "service");
        var read = Guid.Parse(await service.NotifyAsync(new { user_id = "hr-reader", type = "news", message = "Read over REST" }));
        var unread = Guid.Parse(await service.NotifyAsync(new { user_id = "hr-reader", type = "news", message = "Never read" }));
        using var reader = server.ClientFor("hr-reader");
        using (var response = await reader.PostAsync($"/api/notifications/{read}/read", null))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        for (var i = 0; i < 5; i++)
        {
            await reader.CreateNoteAsync($"Note {i}");
        }

        await EventLogTrim.ThroughAsync(server, await EventLogTrim.LastSeqAsync(server) - 2);
        await using var scope = server.Services.CreateAsyncScope();
        var kept = await scope.ServiceProvider.GetRequiredService<FridayDbContext>().StreamEvents
            .Where(e => e.NotificationId == read || e.NotificationId == unread).Select(e => e.NotificationId).ToListAsync();

        Assert.Equal([unread], kept);
    }

    private FridayServer Server(params (string Key, string Value)[] settings)
    {
        var server = new FridayServer { Provider = Provider };
        server.Settings["EventLog:TrimSeconds"] = "1";
        foreach (var (key, value) in settings)
        {
            server.Settings[key] = value;
        }

        return server;
    }
}

public sealed class HistoryRetentionPostgresTests : HistoryRetentionTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class HistoryRetentionSqlServerTests : HistoryRetentionTests, ISqlServerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
