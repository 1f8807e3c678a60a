using System.Net;
using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// Notification requests from a RabbitMQ queue (seed 001's worker), against the real broker: delivered
/// to the user's sockets, or broadcast on a public topic or to everyone, acknowledged only once committed, bad messages dead-lettered and never
/// redelivered, nothing lost while Friday or its database is down, and the consumer back by itself
/// after the broker restarts. In the scale-out collection: one of them stops the shared broker.
/// </summary>
[Collection(ScaleOutCluster.Collection)]
public sealed class NotificationIntakeTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [ScaleOutFact]
    public async Task PublishedRequests_ShouldReachTheUsersOpenSockets_AndBeAcknowledged()
    {
        await using var queue = await IntakeQueue.CreateAsync();
        await using var server = IntakeServer(queue);
        await using var alice = await server.ConnectReadyAsync("iq-alice");
        await using var bob = await server.ConnectReadyAsync("iq-bob");

        await queue.PublishAsync("""{"user_id":"iq-alice","title":"From the queue","message":"Invoice 7 is paid","type":"billing","data":{"invoice":7}}""");
        await queue.PublishAsync("""{"user_ids":["iq-alice","iq-bob"],"message":"Maintenance tonight","type":"maintenance"}""");

        var single = await alice.ReceiveTypeAsync("notification", Generous);
        Assert.Equal("From the queue", single.GetProperty("data").GetProperty("title").GetString());
        Assert.Equal(7, single.GetProperty("data").GetProperty("data").GetProperty("invoice").GetInt32());
        Assert.Equal("maintenance", (await alice.ReceiveTypeAsync("notification", Generous)).GetProperty("data").GetProperty("notification_type").GetString());
        Assert.Equal("maintenance", (await bob.ReceiveTypeAsync("notification", Generous)).GetProperty("data").GetProperty("notification_type").GetString());
        await AssertAllAcknowledgedAsync(server, queue);
    }

    [ScaleOutFact]
    public async Task RedeliveredMessageId_ShouldNotifyOnce_AndBeAcknowledged_WhileMessagesWithoutIdEachNotify()
    {
        await using var queue = await IntakeQueue.CreateAsync();
        await using var server = IntakeServer(queue);
        await using var socket = await server.ConnectReadyAsync("iq-once");

        // What a broker hands out again when the acknowledgement of a committed message was lost.
        await queue.PublishAsync("""{"user_id":"iq-once","message":"keyed","type":"billing"}""", "invoice-7");
        await queue.PublishAsync("""{"user_id":"iq-once","message":"keyed","type":"billing"}""", "invoice-7");
        await queue.PublishAsync("""{"user_id":"iq-once","message":"no id","type":"billing"}""", string.Empty);
        await queue.PublishAsync("""{"user_id":"iq-once","message":"no id","type":"billing"}""", string.Empty);
        await queue.PublishAsync("""{"user_id":"iq-once","message":"last","type":"billing"}""", "invoice-8");

        // Handled one at a time, in order: a second "keyed" would arrive before "no id".
        var received = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            received.Add((await socket.ReceiveTypeAsync("notification", Generous)).GetProperty("message").GetString());
        }

        Assert.Equal(["keyed", "no id", "no id", "last"], received);
        using var client = server.ClientFor("iq-once");
        Assert.Equal(4, (await (await client.GetAsync("/api/notifications/unread-count")).ReadJsonAsync()).GetProperty("count").GetInt32());
        Assert.Single(server.Logs.Lines, l => l.Contains("(message id invoice-7) was handled before", StringComparison.Ordinal));
        await AssertAllAcknowledgedAsync(server, queue);
    }

    [ScaleOutFact]
    public async Task InvalidMessages_ShouldBeDeadLetteredOnce_AndNotStopTheConsumer_NorLogTheirContent()
    {
        const string secret = "sk-live-do-not-log-4242";
        string[] bad =
        [
            $$$"""{"user_id":"iq-bad","message":"no type","data":{"api_key":"{{{secret}}}"}}""",
            $$$"""{"user_id":"iq-bad","user_ids":["iq-other"],"message":"both","type":"news","data":{"token":"{{{secret}}}"}}""",
            $$$"""{"user_ids":[],"message":"{{{secret}}}","type":"news"}""",
            $$$"""not json at all {{{secret}}}""",
            $$$"""{"user_ids":"{{{secret}}}","message":"m","type":"news"}""",
        ];
        await using var queue = await IntakeQueue.CreateAsync();
        await using var server = IntakeServer(queue);
        await using var socket = await server.ConnectReadyAsync("iq-bad");

        foreach (var message in bad)
        {
            await queue.PublishAsync(message);
        }

        await queue.PublishAsync("""{"user_id":"iq-bad","message":"the good one","type":"news"}""");

        Assert.Equal("the good one", (await socket.ReceiveTypeAsync("notification", Generous)).GetProperty("message").GetString());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(bad, await queue.DrainDeadLettersAsync());
        Assert.Equal(0u, await queue.ReadyCountAsync());
        Assert.Equal(bad.Length, server.Logs.Lines.Count(l => l.Contains("Rejected notification request", StringComparison.Ordinal)));
        Assert.Contains(server.Logs.Lines, l => l.Contains("): user_ids: 'user_ids' must name at least one user.", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        using var client = server.ClientFor("iq-bad");
        Assert.Equal(1, (await (await client.GetAsync("/api/notifications/unread-count")).ReadJsonAsync()).GetProperty("count").GetInt32());
    }

    [ScaleOutFact]
    public async Task TopicMessage_ShouldReachTheTopicsSubscribersOnly_AndOnceForARedeliveredMessageId()
    {
        await using var queue = await IntakeQueue.CreateAsync();
        await using var server = IntakeServer(queue);
        await using var subscriber = await server.ConnectReadyAsync("iq-topic-sub");
        await using var other = await server.ConnectReadyAsync("iq-topic-other");
        await subscriber.SendAsync(new { type = "subscribe", topic = "system_alerts" });
        await subscriber.ReceiveTypeAsync("subscription");

        await queue.PublishAsync("""{"topic":"system_alerts","type":"alert","message":"Disk full","data":{"disk":"/var"}}""", "alert-1");
        await queue.PublishAsync("""{"topic":"system_alerts","type":"alert","message":"Disk full","data":{"disk":"/var"}}""", "alert-1");
        await queue.PublishAsync("""{"topic":"system_alerts","type":"alert","message":"last"}""", "alert-2");

        var first = await subscriber.ReceiveTypeAsync("notification", Generous);
        Assert.Equal(("system_alerts", "Disk full", "alert", "/var"), (first.GetProperty("topic").GetString(), first.GetProperty("message").GetString(), first.GetProperty("notification_type").GetString(), first.GetProperty("data").GetProperty("disk").GetString()));
        Assert.True(first.GetProperty("seq").GetInt64() > 0);
        Assert.Equal("last", (await subscriber.ReceiveTypeAsync("notification", Generous)).GetProperty("message").GetString());
        await other.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
        Assert.Single(server.Logs.Lines, l => l.Contains("(message id alert-1) was handled before", StringComparison.Ordinal));
        await AssertAllAcknowledgedAsync(server, queue);
    }

    [ScaleOutFact]
    public async Task AllMessage_ShouldReachAConnectionWithNoSubscription_AndOnceForARedeliveredMessageId()
    {
        await using var queue = await IntakeQueue.CreateAsync();
        await using var server = IntakeServer(queue);
        await using var socket = await server.ConnectReadyAsync("iq-all");

        await queue.PublishAsync("""{"all":true,"type":"maintenance","message":"Down at 22:00","data":{"minutes":30}}""", "maintenance-1");
        await queue.PublishAsync("""{"all":true,"type":"maintenance","message":"Down at 22:00","data":{"minutes":30}}""", "maintenance-1");
        await queue.PublishAsync("""{"all":true,"type":"maintenance","message":"last"}""", "maintenance-2");

        var first = await socket.ReceiveTypeAsync("notification", Generous);
        Assert.Equal(("broadcast", "Down at 22:00", "maintenance", 30), (first.GetProperty("topic").GetString(), first.GetProperty("message").GetString(), first.GetProperty("notification_type").GetString(), first.GetProperty("data").GetProperty("minutes").GetInt32()));
        Assert.Equal("last", (await socket.ReceiveTypeAsync("notification", Generous)).GetProperty("message").GetString());
        Assert.Single(server.Logs.Lines, l => l.Contains("(message id maintenance-1) was handled before", StringComparison.Ordinal));
        await AssertAllAcknowledgedAsync(server, queue);
    }

    [ScaleOutFact]
    public async Task InvalidTargets_ShouldBeDeadLettered_ReachingNoOne_AndTheNextMessageStillGoesThrough()
    {
        string[] bad =
        [
            """{"user_id":"iq-target","topic":"system_alerts","type":"alert","message":"two targets"}""",
            """{"topic":"system_alerts","all":true,"type":"alert","message":"two targets"}""",
            """{"type":"alert","message":"no target"}""",
            """{"topic":"notes","type":"alert","message":"a user's topic"}""",
            """{"topic":"broadcast","type":"alert","message":"everyone by name"}""",
        ];
        await using var queue = await IntakeQueue.CreateAsync();
        await using var server = IntakeServer(queue);
        await using var user = await server.ConnectReadyAsync("iq-target");
        await user.SendAsync(new { type = "subscribe", topic = "notes" });
        await user.ReceiveTypeAsync("subscription");
        await using var subscriber = await server.ConnectReadyAsync("iq-target-sub");
        await subscriber.SendAsync(new { type = "subscribe", topic = "system_alerts" });
        await subscriber.ReceiveTypeAsync("subscription");

        foreach (var message in bad)
        {
            await queue.PublishAsync(message);
        }

        await queue.PublishAsync("""{"topic":"system_alerts","type":"alert","message":"the good one"}""");

        Assert.Equal("the good one", (await subscriber.ReceiveTypeAsync("notification", Generous)).GetProperty("message").GetString());
        await user.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
        Assert.Equal(bad, await queue.DrainDeadLettersAsync());
        Assert.Equal(0u, await queue.ReadyCountAsync());
        Assert.Equal(bad.Length, server.Logs.Lines.Count(l => l.Contains("Rejected notification request", StringComparison.Ordinal)));
        Assert.Contains(server.Logs.Lines, l => l.Contains("): target: Name one target, not several: 'user_id' and 'topic' were given.", StringComparison.Ordinal));
        Assert.Contains(server.Logs.Lines, l => l.Contains("): target: Name one target, not several: 'topic' and 'all' were given.", StringComparison.Ordinal));
        Assert.Contains(server.Logs.Lines, l => l.Contains("): target: Name a target:", StringComparison.Ordinal));
        Assert.Contains(server.Logs.Lines, l => l.Contains("): topic: 'topic' names a user's own topic", StringComparison.Ordinal));
        Assert.Contains(server.Logs.Lines, l => l.Contains("): topic: 'broadcast' reaches every connection", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("two targets", StringComparison.Ordinal) || l.Contains("everyone by name", StringComparison.Ordinal));
        using var client = server.ClientFor("iq-target");
        Assert.Equal(0, (await (await client.GetAsync("/api/notifications/unread-count")).ReadJsonAsync()).GetProperty("count").GetInt32());
    }

    [ScaleOutFact]
    public async Task RequestPublishedWhileFridayIsStopped_ShouldBeDeliveredAfterItStarts()
    {
        await using var queue = await IntakeQueue.CreateAsync();
        var database = Path.Combine(Path.GetTempPath(), $"friday-intake-{Guid.NewGuid():N}.db");
        await using (var before = IntakeServer(queue, database, keepDatabase: true))
        {
            _ = before.BaseAddress;
            await WaitForLogAsync(before, "Consuming notification requests");
        }

        await queue.PublishAsync("""{"user_id":"iq-later","message":"sent while Friday was down","type":"news"}""");
        await Eventually.TrueAsync(async () => await queue.ReadyCountAsync() == 1, Generous, "The request never lay ready in the queue.");

        await using var after = IntakeServer(queue, database);
        await using var socket = await after.ConnectAsync("iq-later");

        Assert.Equal("sent while Friday was down", (await socket.ReceiveTypeAsync("notification", Generous)).GetProperty("message").GetString());
    }

    [ScaleOutFact]
    public async Task DatabaseDown_ShouldHandTheRequestBack_AndDeliverItOnceTheDatabaseReturns()
    {
        await using var queue = await IntakeQueue.CreateAsync();
        await using var relay = TcpForwarder.ToPostgres();
        await using var server = IntakeServer(queue, relay.Route(TestPostgres.CreateDatabase()), provider: DatabaseProvider.Postgres);
        await using var socket = await server.ConnectReadyAsync("iq-outage");

        await relay.CutAsync();
        await queue.PublishAsync("""{"user_id":"iq-outage","message":"written during the outage","type":"news"}""");
        await WaitForLogAsync(server, "The notification intake cannot reach the database");
        await Task.Delay(TimeSpan.FromSeconds(1));
        relay.Restore();

        Assert.Equal("written during the outage", (await socket.ReceiveTypeAsync("notification", Generous)).GetProperty("message").GetString());
        await WaitForLogAsync(server, "The notification intake reached the database again");
        using var client = server.ClientFor("iq-outage");
        Assert.Equal(1, (await (await client.GetAsync("/api/notifications/unread-count")).ReadJsonAsync()).GetProperty("count").GetInt32());
        Assert.Empty(await queue.DrainDeadLettersAsync());
    }

    [ScaleOutFact]
    public async Task BrokerRestarted_ShouldReconnectByItself_AndConsumeAgain()
    {
        await using var queue = await IntakeQueue.CreateAsync();
        await using var server = IntakeServer(queue);
        await using var socket = await server.ConnectReadyAsync("iq-restart");
        await queue.PublishAsync("""{"user_id":"iq-restart","message":"before","type":"news"}""");
        Assert.Equal("before", (await socket.ReceiveTypeAsync("notification", Generous)).GetProperty("message").GetString());

        await TestRabbitMq.StopAppAsync();
        try
        {
            await WaitForLogAsync(server, "Lost the notification intake broker");
        }
        finally
        {
            await TestRabbitMq.StartAppAsync();
        }

        await queue.ReconnectAsync();
        await Eventually.TrueAsync(
            () => server.Logs.Lines.Count(l => l.Contains("Consuming notification requests", StringComparison.Ordinal)) >= 2, Generous, "The consumer did not start again after the broker came back.");
        await queue.PublishAsync("""{"user_id":"iq-restart","message":"after","type":"news"}""");

        Assert.Equal("after", (await socket.ReceiveTypeAsync("notification", Generous)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task IntakeOff_ByDefault_ShouldNotTouchTheBroker()
    {
        await using var server = new FridayServer();
        using var client = server.AnonymousClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("notification intake", StringComparison.OrdinalIgnoreCase) || l.Contains("notification requests", StringComparison.Ordinal));
    }

    private static FridayServer IntakeServer(IntakeQueue queue, string? database = null, bool keepDatabase = false, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var server = new FridayServer { Provider = provider, Database = database, KeepDatabase = keepDatabase };
        queue.Configure(server);
        return server;
    }

    /// <summary>Stops the node (which settles the message in hand), then checks that it acknowledged every message: none left ready, none dead-lettered.</summary>
    private static async Task AssertAllAcknowledgedAsync(FridayServer server, IntakeQueue queue)
    {
        await server.DisposeAsync();
        Assert.Equal(0u, await queue.ReadyCountAsync());
        Assert.Empty(await queue.DrainDeadLettersAsync());
    }

    private static Task WaitForLogAsync(FridayServer server, string text) => server.Logs.WaitForLineAsync(text, Generous);
}
