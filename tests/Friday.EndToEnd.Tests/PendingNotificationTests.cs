using System.Text.Json;
using Friday.Domain.Notifications;
using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// Notifications created while the user had no connection arrive on the next connect each once, with
/// the seq they were published with — whatever became of the event log meanwhile.
/// </summary>
public class PendingNotificationTests
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [ProviderFact]
    public async Task UserOfflinePastTheHistoryRetention_ShouldGetEveryPendingNotificationOnce_WithItsSeq_ThenUnreadCount()
    {
        await using var server = new FridayServer { Provider = Provider };
        server.Settings["EventLog:RetentionHours"] = "0.0003";
        server.Settings["EventLog:TrimSeconds"] = "1";
        var sent = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sent.Add(await NotifyAsync(server, "pn-away", $"While away {i}"));
        }

        using var other = server.ClientFor("pn-other");
        await other.CreateNoteAsync("Trimmed with the rest");

        // Past the retention: a resume from the start is incomplete, so the history was trimmed.
        await EventLogTrim.ThroughAsync(server, await EventLogTrim.LastSeqAsync(server));
        await using (var probe = await server.ConnectAsync("pn-other", extraQuery: "last_seq=0&topics=notes"))
        {
            Assert.False((await probe.ReceiveTypeAsync("resumed")).GetProperty("complete").GetBoolean());
        }

        await using var socket = await server.ConnectAsync("pn-away");
        var (notifications, unread) = await GreetingAsync(socket);

        Assert.Equal(sent, IdsOf(notifications));
        var seqs = notifications.Select(n => n.GetProperty("seq").GetInt64()).ToList();
        Assert.True(seqs.Zip(seqs.Skip(1)).All(p => p.Second > p.First), $"each its own seq, in order: {string.Join(",", seqs)}");
        Assert.Equal(3, unread);
        await using var again = await server.ConnectAsync("pn-away");
        Assert.Empty((await GreetingAsync(again)).Notifications);
    }

    /// <summary>A notification committed but not yet given its seq when the user connects comes live once it has one, and only then.</summary>
    [ProviderFact]
    public async Task NotificationNotYetSequencedAtConnect_ShouldArriveOnce_WithItsRealSeq()
    {
        await using var server = new FridayServer { Provider = Provider };
        server.Settings["EventLog:SweepSeconds"] = "3600";
        using var other = server.ClientFor("pn-someone");
        await other.CreateNoteAsync("So that seq is not 0");
        Guid id;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            // Committed inside a caller's transaction, the notification's event is not sequenced yet.
            var db = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var notification = Notification.Create("pn-early", "Early", "Committed, not yet numbered", "news", null, DateTimeOffset.UtcNow);
            id = notification.Id;
            db.Notifications.Add(notification);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using var socket = await server.ConnectAsync("pn-early");
        var (greeted, unread) = await GreetingAsync(socket);
        Assert.Empty(greeted);
        Assert.Equal(1, unread);

        // Any later write runs the sequencer, which numbers and publishes the waiting event.
        await other.CreateNoteAsync("Sequences everything waiting");
        var live = await socket.ReceiveTypeAsync("notification");
        var marker = await NotifyAsync(server, "pn-early", "Marker");
        var next = await socket.ReceiveTypeAsync("notification");

        Assert.Equal(id.ToString(), live.GetProperty("data").GetProperty("notification_id").GetString());
        Assert.Equal(await SeqOfAsync(server, id), live.GetProperty("seq").GetInt64());
        Assert.Equal(marker, next.GetProperty("data").GetProperty("notification_id").GetString());
    }

    /// <summary>A version before this one trimmed the events of undelivered notifications; such a notification is published again.</summary>
    [ProviderFact]
    public async Task PendingNotificationWhoseEventIsGone_ShouldArriveOnce_WithANewSeq_BeforeUnreadCount()
    {
        await using var server = new FridayServer { Provider = Provider };
        var id = Guid.Parse(await NotifyAsync(server, "pn-lost", "Event trimmed by an older version"));
        var original = await SeqOfAsync(server, id);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FridayDbContext>().StreamEvents.Where(e => e.NotificationId == id).ExecuteDeleteAsync();
        }

        await using var socket = await server.ConnectAsync("pn-lost");
        var (notifications, unread) = await GreetingAsync(socket);

        var notification = Assert.Single(notifications);
        Assert.Equal(id.ToString(), notification.GetProperty("data").GetProperty("notification_id").GetString());
        Assert.True(notification.GetProperty("seq").GetInt64() > original);
        Assert.Equal(await SeqOfAsync(server, id), notification.GetProperty("seq").GetInt64());
        Assert.Equal(1, unread);
    }

    /// <summary>Read over REST while the user had no connection, a notification is no news: the next connect does not push it.</summary>
    [ProviderFact]
    public async Task NotificationReadWhileOffline_ShouldNotArriveAsPending_AndUnreadCountShouldLeaveItOut()
    {
        await using var server = new FridayServer { Provider = Provider };
        var read = await NotifyAsync(server, "pn-reader", "Read on another device");
        var unread = await NotifyAsync(server, "pn-reader", "Still unread");
        using (var user = server.ClientFor("pn-reader"))
        {
            using var response = await user.PostAsync($"/api/notifications/{read}/read", null);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        await using var socket = await server.ConnectAsync("pn-reader");
        var (notifications, count) = await GreetingAsync(socket);

        Assert.Equal([unread], notifications.Select(n => n.GetProperty("data").GetProperty("notification_id").GetString()));
        Assert.Equal(1, count);
    }

    /// <summary>Notifications:MaxPendingOnConnect bounds one greeting; the rest wait, unread and counted, for the next connect.</summary>
    [ProviderFact]
    public async Task MorePendingThanMaxPendingOnConnect_ShouldSendTheOldestNow_AndTheRestAtTheNextConnect()
    {
        await using var server = new FridayServer { Provider = Provider };
        server.Settings["Notifications:MaxPendingOnConnect"] = "2";
        var sent = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sent.Add(await NotifyAsync(server, "pn-backlog", $"Backlog {i}"));
        }

        await using (var first = await server.ConnectAsync("pn-backlog"))
        {
            var (notifications, unread) = await GreetingAsync(first);
            Assert.Equal(sent[..2], IdsOf(notifications));
            Assert.Equal(3, unread);
        }

        await Eventually.TrueAsync(
            async () =>
            {
                await using var scope = server.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<FridayDbContext>().Notifications.CountAsync(n => n.UserId == "pn-backlog" && n.DeliveredAt != null) == 2;
            },
            TimeSpan.FromSeconds(10),
            "the first two were never recorded as delivered");
        await using var next = await server.ConnectAsync("pn-backlog");
        var (rest, stillUnread) = await GreetingAsync(next);
        Assert.Equal(sent[2..], IdsOf(rest));
        Assert.Equal(3, stillUnread);
    }

    private static List<string> IdsOf(List<JsonElement> notifications) =>
        [.. notifications.Select(n => n.GetProperty("data").GetProperty("notification_id").GetString()!)];

    private static async Task<string> NotifyAsync(FridayServer server, string userId, string message)
    {
        using var service = server.ClientFor("pn-service", "service");
        return await service.NotifyAsync(new { user_id = userId, type = "news", message });
    }

    private static async Task<long> SeqOfAsync(FridayServer server, Guid notificationId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var seq = await scope.ServiceProvider.GetRequiredService<FridayDbContext>().StreamEvents
            .Where(e => e.NotificationId == notificationId).Select(e => e.Seq).SingleAsync();
        return seq ?? throw new InvalidOperationException("The notification's event has no seq.");
    }

    /// <summary>The notifications after <c>connection</c>, and the count of the <c>unread_count</c> that ends the greeting.</summary>
    private static async Task<(List<JsonElement> Notifications, int Unread)> GreetingAsync(TestSocket socket)
    {
        await socket.ReceiveTypeAsync("connection");
        var (before, unread) = await socket.ReceiveUntilAsync("unread_count");
        return ([.. before.Where(m => m.GetProperty("type").GetString() == "notification")], unread.GetProperty("data").GetProperty("count").GetInt32());
    }
}

public sealed class PendingNotificationPostgresTests : PendingNotificationTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class PendingNotificationSqlServerTests : PendingNotificationTests, ISqlServerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
