using System.Net;
using Friday.Application.Notifications.Commands;
using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

/// <summary>One request notifies several users: each gets a notification of their own, all committed together.</summary>
public class NotifyManyTests(FridayServer server) : IClassFixture<FridayServer>
{
    [ProviderFact]
    public async Task UserIds_ShouldGiveEachUserTheirOwnNotification_OnlineOrOffline()
    {
        await using var aliceTab1 = await server.ConnectReadyAsync("nm-alice");
        await using var aliceTab2 = await server.ConnectReadyAsync("nm-alice");
        await using var bob = await server.ConnectReadyAsync("nm-bob");
        await using var outsider = await server.ConnectReadyAsync("nm-outsider");
        using var service = server.ClientFor("nm-service", "service");

        using var response = await service.PostJsonAsync("/api/notifications", new
        {
            user_ids = new[] { "nm-alice", "nm-bob", "nm-carol", "nm-alice" },
            title = "Maintenance",
            message = "Tonight at 22:00",
            type = "maintenance",
            data = new { window = "22:00-23:00" },
        });
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = body.GetProperty("notifications").EnumerateArray()
            .ToDictionary(n => n.GetProperty("user_id").GetString()!, n => n.GetProperty("notification_id").GetString()!);
        Assert.Equal(["nm-alice", "nm-bob", "nm-carol"], created.Keys);
        Assert.Equal(3, created.Values.Distinct().Count());
        foreach (var (socket, user) in new[] { (aliceTab1, "nm-alice"), (aliceTab2, "nm-alice"), (bob, "nm-bob") })
        {
            var message = await socket.ReceiveTypeAsync("notification");
            Assert.Equal(created[user], message.GetProperty("data").GetProperty("notification_id").GetString());
            Assert.Equal("22:00-23:00", message.GetProperty("data").GetProperty("data").GetProperty("window").GetString());
        }

        await aliceTab1.SendAsync(new { type = "mark_read", notification_id = created["nm-alice"] });
        await aliceTab1.ReceiveTypeAsync("notification_update");
        Assert.Equal(0, await UnreadCountAsync("nm-alice"));
        Assert.Equal(1, await UnreadCountAsync("nm-bob"));

        await using var carol = await server.ConnectAsync("nm-carol");
        await carol.ReceiveTypeAsync("connection");
        var pending = await carol.ReceiveTypeAsync("notification");
        Assert.Equal(created["nm-carol"], pending.GetProperty("data").GetProperty("notification_id").GetString());
        await outsider.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
    }

    [ProviderFact]
    public async Task UserIds_WhenOneInsertFails_ShouldStoreAndDeliverNoneOfThem()
    {
        await RejectNotificationsForPoisonAsync();
        await using var socket = await server.ConnectReadyAsync("nm-atomic-a");
        using var service = server.ClientFor("nm-service", "service");

        using var response = await service.PostJsonAsync("/api/notifications", new
        {
            user_ids = new[] { "nm-atomic-a", "nm-poison", "nm-atomic-b" },
            message = "All or nothing",
            type = "news",
        });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, await UnreadCountAsync("nm-atomic-a"));
        Assert.Equal(0, await UnreadCountAsync("nm-atomic-b"));
        await socket.AssertSilentAsync(TimeSpan.FromMilliseconds(500));
    }

    [ProviderFact]
    public async Task NotifyUsersCommand_FromCode_ShouldNotifyEachDistinctUserOnce()
    {
        await using var socket = await server.ConnectReadyAsync("nm-code-a");
        NotifyUsersResult result;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new NotifyUsersCommand(["nm-code-a", "nm-code-b", "nm-code-a"], "Deploy", "Version 2 is live", "deploy"));
        }

        var message = await socket.ReceiveTypeAsync("notification");

        Assert.Equal(["nm-code-a", "nm-code-b"], result.Notifications.Select(n => n.UserId));
        Assert.Equal(result.Notifications[0].NotificationId.ToString(), message.GetProperty("data").GetProperty("notification_id").GetString());
        Assert.Equal(1, await UnreadCountAsync("nm-code-b"));
        await socket.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
    }

    [ProviderTheory]
    [InlineData("""{"user_id":"nm-x","user_ids":["nm-y"],"type":"news","message":"m"}""", "user_ids")]
    [InlineData("""{"user_ids":[],"type":"news","message":"m"}""", "user_ids")]
    [InlineData("""{"user_ids":null,"user_id":null,"type":"news","message":"m"}""", null)]
    [InlineData("""{"user_ids":["nm-y","  "],"type":"news","message":"m"}""", "user_ids[1]")]
    [InlineData("""{"user_ids":["nm-y",null],"type":"news","message":"m"}""", "user_ids[1]")]
    [InlineData("""{"user_ids":["nm-y"],"type":"Bad Type","message":"m"}""", "type")]
    [InlineData("""{"user_ids":["nm-y"],"type":"news"}""", "message")]
    [InlineData("""{"user_ids":"nm-y","type":"news","message":"m"}""", null)]
    public async Task UserIds_BadInput_ShouldBeA400Problem_AndStoreNothing(string json, string? field)
    {
        using var service = server.ClientFor("nm-service", "service");

        using var response = await service.PostAsync("/api/notifications", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error on '{field}': {problem}");
        }

        Assert.Equal(0, await UnreadCountAsync("nm-y"));
    }

    [ProviderFact]
    public async Task UserIds_TooMany_ShouldBeA400Problem_ButDuplicatesDoNotCount()
    {
        using var service = server.ClientFor("nm-service", "service");
        var tooMany = Enumerable.Range(0, NotifyUsersCommand.MaxRecipients + 1).Select(i => $"nm-many-{i}").ToArray();
        var repeated = Enumerable.Repeat("nm-repeated", NotifyUsersCommand.MaxRecipients + 1).ToArray();

        using var refused = await service.PostJsonAsync("/api/notifications", new { user_ids = tooMany, type = "news", message = "m" });
        using var accepted = await service.PostJsonAsync("/api/notifications", new { user_ids = repeated, type = "news", message = "m" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("at most 1000", (await refused.ReadJsonAsync()).GetProperty("errors").GetProperty("user_ids")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await UnreadCountAsync("nm-many-0"));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Single((await accepted.ReadJsonAsync()).GetProperty("notifications").EnumerateArray());
    }

    [ProviderFact]
    public async Task UserIds_WithoutThePublisherRole_ShouldBeForbidden()
    {
        using var user = server.ClientFor("nm-plain");

        using var response = await user.PostJsonAsync("/api/notifications", new { user_ids = new[] { "nm-z" }, type = "news", message = "m" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await UnreadCountAsync("nm-z"));
    }

    private async Task<int> UnreadCountAsync(string userId)
    {
        using var client = server.ClientFor(userId);
        return (await (await client.GetAsync("/api/notifications/unread-count")).ReadJsonAsync()).GetProperty("count").GetInt32();
    }

    /// <summary>A trigger that fails the insert of nm-poison's notification, as a constraint or a full disk would.</summary>
    private async Task RejectNotificationsForPoisonAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
        await db.Database.ExecuteSqlRawAsync(server.Provider switch
        {
            DatabaseProvider.Postgres => """
                CREATE OR REPLACE FUNCTION reject_poison() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'rejected by the test'; END $$ LANGUAGE plpgsql;
                CREATE OR REPLACE TRIGGER reject_poison BEFORE INSERT ON notifications
                FOR EACH ROW WHEN (NEW."UserId" = 'nm-poison') EXECUTE FUNCTION reject_poison();
                """,
            DatabaseProvider.SqlServer => """
                CREATE OR ALTER TRIGGER reject_poison ON notifications AFTER INSERT AS
                IF EXISTS (SELECT 1 FROM inserted WHERE [UserId] = 'nm-poison') THROW 50000, 'rejected by the test', 1;
                """,
            _ => """
                CREATE TRIGGER IF NOT EXISTS reject_poison BEFORE INSERT ON notifications
                WHEN NEW.UserId = 'nm-poison' BEGIN SELECT RAISE(ABORT, 'rejected by the test'); END;
                """,
        });
    }
}

public sealed class NotifyManyPostgresTests(PostgresFridayServer server) : NotifyManyTests(server), IClassFixture<PostgresFridayServer>, IPostgresTests;

public sealed class NotifyManySqlServerTests(SqlServerFridayServer server) : NotifyManyTests(server), IClassFixture<SqlServerFridayServer>, ISqlServerTests;
