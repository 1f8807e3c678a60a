using System.Net;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

public sealed class PublicTopicTests(FridayServer server) : IClassFixture<FridayServer>
{
    [Fact]
    public async Task Publish_ShouldReachEverySubscriberOfTheTopicOnly()
    {
        await using var subscriber = await server.ConnectReadyAsync("pub-sub-1");
        await using var other = await server.ConnectReadyAsync("pub-sub-2");
        await subscriber.SendAsync(new { type = "subscribe", topic = "system_alerts" });
        await subscriber.ReceiveTypeAsync("subscription");
        await other.SendAsync(new { type = "subscribe", topic = "system_status" });
        await other.ReceiveTypeAsync("subscription");
        using var service = server.ClientFor("publisher", "service");

        using var response = await service.PostJsonAsync("/api/notifications?topic=system_alerts", new { type = "alert", message = "Maintenance at noon", data = new { minutes = 5 } });
        var message = await subscriber.ReceiveTypeAsync("notification");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("system_alerts", message.GetProperty("topic").GetString());
        Assert.Equal("Maintenance at noon", message.GetProperty("message").GetString());
        Assert.Equal("alert", message.GetProperty("notification_type").GetString());
        Assert.Equal(5, message.GetProperty("data").GetProperty("minutes").GetInt32());
        Assert.True(message.GetProperty("seq").GetInt64() > 0);
        await other.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
    }

    /// <summary>A topic and users together is ambiguous: refused, rather than one target silently dropped.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Publish_WithTopicAndUsers_ShouldBe400_AndReachNobody(bool several)
    {
        await using var user = await server.ConnectReadyAsync("pub-both", extraQuery: "topics=system_alerts");
        using var service = server.ClientFor("publisher", "service");
        object body = several
            ? new { user_ids = new[] { "pub-both" }, type = "alert", message = "Which?" }
            : new { user_id = "pub-both", type = "alert", message = "Which?" };

        using var response = await service.PostJsonAsync("/api/notifications?topic=system_alerts", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("One target at a time.", problem.GetProperty("title").GetString());
        Assert.Contains("?topic=", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await user.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task Publish_AsAdmin_ShouldBeAllowed()
    {
        using var admin = server.ClientFor("pub-admin", "admin");
        using var response = await admin.PostJsonAsync("/api/notifications?topic=news", new { type = "news", message = "hi" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("news", (await response.ReadJsonAsync()).GetProperty("topic").GetString());
    }

    [Fact]
    public async Task StatusAndStats_ShouldDescribeOpenConnections()
    {
        await using var socket = await server.ConnectReadyAsync("pub-status", "/ws/status-tab");
        await socket.SendAsync(new { type = "subscribe", topic = "room.1" });
        await socket.ReceiveTypeAsync("subscription");
        using var admin = server.ClientFor("pub-admin-2", "admin");

        var status = await (await admin.GetAsync("/api/ws/status?user_id=pub-status")).ReadJsonAsync();
        var stats = await (await admin.GetAsync("/api/ws/stats")).ReadJsonAsync();

        Assert.True(status.GetProperty("connected").GetBoolean());
        var connection = Assert.Single(status.GetProperty("connections").EnumerateArray());
        Assert.Equal("status-tab", connection.GetProperty("client_id").GetString());
        Assert.Contains("room.1", connection.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.True(stats.GetProperty("connections").GetInt32() >= 1);
        Assert.True(stats.GetProperty("messages_sent").GetInt64() >= 2);
    }
}
