using System.Net;
using System.Text.Json;
using Friday.Application.Notifications.Commands;
using Friday.Tests.Support;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

public class NotificationTests(FridayServer server) : IClassFixture<FridayServer>
{
    [ProviderFact]
    public async Task TwoTabs_ShouldBothReceiveANotification_AndBothSeeItRead_WhileAnotherUserGetsNothing()
    {
        await using var tab1 = await server.ConnectReadyAsync("nt-alice");
        await using var tab2 = await server.ConnectReadyAsync("nt-alice");
        await using var bob = await server.ConnectReadyAsync("nt-bob");

        var id = await NotifyAsync("nt-alice", "Build finished", "build");
        var first = await tab1.ReceiveTypeAsync("notification");
        var second = await tab2.ReceiveTypeAsync("notification");

        Assert.Equal(id, first.GetProperty("data").GetProperty("notification_id").GetString());
        Assert.Equal(id, second.GetProperty("data").GetProperty("notification_id").GetString());
        Assert.Equal("notifications", first.GetProperty("topic").GetString());
        Assert.Equal("Build finished", first.GetProperty("message").GetString());
        Assert.Equal("build", first.GetProperty("data").GetProperty("notification_type").GetString());
        Assert.True(first.GetProperty("seq").GetInt64() > 0);

        await tab1.SendAsync(new { type = "mark_read", notification_id = id, id = "m1" });
        var update1 = await tab1.ReceiveTypeAsync("notification_update");
        var count1 = await tab1.ReceiveTypeAsync("unread_count");
        var update2 = await tab2.ReceiveTypeAsync("notification_update");
        var count2 = await tab2.ReceiveTypeAsync("unread_count");

        Assert.Equal("m1", update1.GetProperty("reply_to").GetString());
        Assert.Equal("read", update1.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(id, update2.GetProperty("data").GetProperty("notification_id").GetString());
        Assert.Equal(0, count1.GetProperty("data").GetProperty("count").GetInt32());
        Assert.Equal(0, count2.GetProperty("data").GetProperty("count").GetInt32());
        await bob.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
    }

    [ProviderFact]
    public async Task Offline_ThenConnect_ShouldDeliverQueuedNotificationsInOrder_ThenUnreadCount()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await NotifyAsync("nt-offline", $"Message {i}", "news"));
        }

        await using var socket = await server.ConnectAsync("nt-offline");
        await socket.ReceiveTypeAsync("connection");
        var delivered = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var message = (await socket.ReceiveNonHeartbeatAsync())!.Value;
            Assert.Equal("notification", message.GetProperty("type").GetString());
            delivered.Add(message.GetProperty("data").GetProperty("notification_id").GetString()!);
        }

        var count = (await socket.ReceiveNonHeartbeatAsync())!.Value;

        Assert.Equal(ids, delivered);
        Assert.Equal("unread_count", count.GetProperty("type").GetString());
        Assert.Equal(3, count.GetProperty("data").GetProperty("count").GetInt32());
    }

    [ProviderFact]
    public async Task QueuedNotifications_ShouldBeDeliveredOnlyOnce()
    {
        await NotifyAsync("nt-once", "Only once", "news");
        await using (var first = await server.ConnectAsync("nt-once"))
        {
            await first.ReceiveTypeAsync("notification");
        }

        await using var second = await server.ConnectAsync("nt-once");
        await second.ReceiveTypeAsync("connection");
        var next = (await second.ReceiveNonHeartbeatAsync())!.Value;

        Assert.Equal("unread_count", next.GetProperty("type").GetString());
        Assert.Equal(1, next.GetProperty("data").GetProperty("count").GetInt32());
    }

    [ProviderFact]
    public async Task NotificationTypesFilter_ShouldLetOnlyThoseTypesThrough()
    {
        await using var filtered = await server.ConnectReadyAsync("nt-filter");
        await using var everything = await server.ConnectReadyAsync("nt-filter");
        await filtered.SendAsync(new { type = "subscribe", notification_types = new[] { "task_reminder" } });
        await filtered.ReceiveTypeAsync("subscription");

        await NotifyAsync("nt-filter", "Newsletter", "news");
        var reminderId = await NotifyAsync("nt-filter", "Due", "task_reminder");

        var got = await filtered.ReceiveTypeAsync("notification");
        Assert.Equal(reminderId, got.GetProperty("data").GetProperty("notification_id").GetString());
        Assert.Equal("news", (await everything.ReceiveTypeAsync("notification")).GetProperty("data").GetProperty("notification_type").GetString());
        Assert.Equal("task_reminder", (await everything.ReceiveTypeAsync("notification")).GetProperty("data").GetProperty("notification_type").GetString());

        await filtered.SendAsync(new { type = "unsubscribe", notification_types = new[] { "task_reminder" } });
        await filtered.ReceiveTypeAsync("subscription");
        await NotifyAsync("nt-filter", "Newsletter 2", "news");
        Assert.Equal("news", (await filtered.ReceiveTypeAsync("notification")).GetProperty("data").GetProperty("notification_type").GetString());
    }

    [ProviderFact]
    public async Task NotificationTypesFilter_ShouldNotBlockPublicBroadcasts()
    {
        await using var socket = await server.ConnectReadyAsync("nt-filter-public");
        await socket.SendAsync(new { type = "subscribe", notification_types = new[] { "task_reminder" } });
        await socket.ReceiveTypeAsync("subscription");
        await socket.SendAsync(new { type = "subscribe", topic = "system_status" });
        await socket.ReceiveTypeAsync("subscription");
        using var service = server.ClientFor("nt-broadcaster", "service");

        (await service.PostJsonAsync("/api/notifications?topic=system_status", new { type = "alert", message = "Up" })).Dispose();

        Assert.Equal("system_status", (await socket.ReceiveTypeAsync("notification")).GetProperty("topic").GetString());
    }

    [ProviderFact]
    public async Task GetUnreadCountAndGetUnread_ShouldAnswerWithReplyTo()
    {
        await NotifyAsync("nt-unread", "One", "news");
        await NotifyAsync("nt-unread", "Two", "news");
        await using var socket = await server.ConnectReadyAsync("nt-unread");

        await socket.SendAsync(new { type = "get_unread_count", id = "c" });
        var count = await socket.ReceiveTypeAsync("unread_count");
        await socket.SendAsync(new { type = "get_unread", limit = 1, id = "u" });
        var unread = await socket.ReceiveTypeAsync("unread_notifications");

        Assert.Equal("c", count.GetProperty("reply_to").GetString());
        Assert.Equal(2, count.GetProperty("data").GetProperty("count").GetInt32());
        Assert.Equal("u", unread.GetProperty("reply_to").GetString());
        Assert.Equal(2, unread.GetProperty("count").GetInt32());
        Assert.Equal("Two", Assert.Single(unread.GetProperty("notifications").EnumerateArray()).GetProperty("message").GetString());
    }

    [ProviderTheory]
    [InlineData("{\"type\":\"mark_read\"}", "invalid_message")]
    [InlineData("{\"type\":\"mark_read\",\"notification_id\":\"not-a-uuid\"}", "invalid_message")]
    [InlineData("{\"type\":\"mark_read\",\"notification_id\":42}", "invalid_message")]
    [InlineData("{\"type\":\"mark_read\",\"notification_id\":\"6f1c2b1e-0000-4000-8000-000000000000\"}", "not_found")]
    [InlineData("{\"type\":\"get_unread\",\"limit\":0}", "invalid_message")]
    [InlineData("{\"type\":\"get_unread\",\"limit\":101}", "invalid_message")]
    [InlineData("{\"type\":\"get_unread\",\"limit\":\"5\"}", "invalid_message")]
    [InlineData("{\"type\":\"subscribe\",\"notification_types\":[1]}", "invalid_message")]
    public async Task BadNotificationMessages_ShouldAnswerTheErrorCode(string raw, string code)
    {
        await using var socket = await server.ConnectReadyAsync("nt-bad");
        await socket.SendAsync(raw);

        Assert.Equal(code, (await socket.ReceiveTypeAsync("error")).GetProperty("code").GetString());
    }

    [ProviderFact]
    public async Task MarkingAnotherUsersNotification_ShouldBeNotFound_AndLeaveItUnread()
    {
        var id = await NotifyAsync("nt-owner", "Private", "news");
        await using var intruder = await server.ConnectReadyAsync("nt-intruder");

        await intruder.SendAsync(new { type = "mark_read", notification_id = id });
        var error = await intruder.ReceiveTypeAsync("error");
        using var owner = server.ClientFor("nt-owner");
        var count = await (await owner.GetAsync("/api/notifications/unread-count")).ReadJsonAsync();

        Assert.Equal("not_found", error.GetProperty("code").GetString());
        Assert.Equal(1, count.GetProperty("count").GetInt32());
    }

    [ProviderFact]
    public async Task Rest_ListReadAndCount_ShouldWork_AndReadingSendsNotificationUpdate()
    {
        var first = await NotifyAsync("nt-rest", "First", "news");
        await NotifyAsync("nt-rest", "Second", "news");
        await using var socket = await server.ConnectReadyAsync("nt-rest");
        using var client = server.ClientFor("nt-rest");

        using var read = await client.PostAsync($"/api/notifications/{first}/read", null);
        var update = await socket.ReceiveTypeAsync("notification_update");
        var unread = await (await client.GetAsync("/api/notifications?unread=true&page_size=10")).ReadJsonAsync();
        var count = await (await client.GetAsync("/api/notifications/unread-count")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(first, update.GetProperty("data").GetProperty("notification_id").GetString());
        Assert.Equal("Second", Assert.Single(unread.GetProperty("items").EnumerateArray()).GetProperty("message").GetString());
        Assert.Equal(1, count.GetProperty("count").GetInt32());
    }

    /// <summary>The body's field is <c>type</c>, whoever the notification is for; its error is keyed the same.</summary>
    [ProviderTheory]
    [InlineData("/api/notifications", """{"user_id":"nt-typo","message":"m"}""")]
    [InlineData("/api/notifications", """{"user_id":"nt-typo","type":"Not A Type!","message":"m"}""")]
    [InlineData("/api/notifications", """{"user_ids":["nt-typo"],"type":"","message":"m"}""")]
    [InlineData("/api/notifications?topic=nt-news", """{"message":"m"}""")]
    public async Task Rest_BadType_ShouldBeAProblemKeyedType(string url, string json)
    {
        using var service = server.ClientFor("nt-svc", "service");

        using var response = await service.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["type"], errors.EnumerateObject().Select(e => e.Name));
    }

    [ProviderFact]
    public async Task Rest_BadInput_ShouldBeClearProblems()
    {
        using var service = server.ClientFor("nt-svc", "service");
        using var user = server.ClientFor("nt-plain");

        using var noMessage = await service.PostJsonAsync("/api/notifications", new { user_id = "x", type = "news" });
        using var badType = await service.PostJsonAsync("/api/notifications", new { user_id = "x", type = "Not A Type!", message = "m" });
        using var noTarget = await service.PostJsonAsync("/api/notifications", new { type = "news", message = "m" });
        using var notAllowed = await user.PostJsonAsync("/api/notifications", new { user_id = "x", type = "news", message = "m" });
        using var unknown = await user.PostAsync($"/api/notifications/{Guid.NewGuid()}/read", null);
        using var anonymous = await server.AnonymousClient().GetAsync("/api/notifications");

        Assert.Equal(HttpStatusCode.BadRequest, noMessage.StatusCode);
        Assert.True((await noMessage.ReadJsonAsync()).GetProperty("errors").TryGetProperty("message", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noTarget.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [ProviderFact]
    public async Task MediatRCommand_FromAnInternalService_ShouldDeliverWithItsData()
    {
        await using var socket = await server.ConnectReadyAsync("nt-mediator");
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var data = JsonDocument.Parse("{\"order\":42}").RootElement;
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new NotifyUserCommand("nt-mediator", "Order shipped", "Your order shipped", "order", data));
        }

        var message = await socket.ReceiveTypeAsync("notification");

        Assert.Equal("Order shipped", message.GetProperty("data").GetProperty("title").GetString());
        Assert.Equal(42, message.GetProperty("data").GetProperty("data").GetProperty("order").GetInt32());
    }

    private async Task<string> NotifyAsync(string userId, string message, string type)
    {
        using var service = server.ClientFor("notifier", "service");
        return await service.NotifyAsync(new { user_id = userId, type, message });
    }
}

public sealed class NotificationPostgresTests(PostgresFridayServer server) : NotificationTests(server), IClassFixture<PostgresFridayServer>, IPostgresTests;

public sealed class NotificationSqlServerTests(SqlServerFridayServer server) : NotificationTests(server), IClassFixture<SqlServerFridayServer>, ISqlServerTests;
