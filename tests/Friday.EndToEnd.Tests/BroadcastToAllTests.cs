using System.Net;
using System.Text.Json;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// <c>POST /api/notifications?all=true</c>: a system-wide broadcast on the topic <c>broadcast</c>, which
/// every connection holds from its connect, anonymous ones too.
/// </summary>
public sealed class BroadcastToAllTests(BroadcastToAllTests.AnonymousAllowedServer server) : IClassFixture<BroadcastToAllTests.AnonymousAllowedServer>
{
    [Fact]
    public async Task AllTrue_ShouldReachEveryConnection_UsersAndAnonymous_WithoutSubscribing()
    {
        await using var alice = await server.ConnectReadyAsync("ba-alice");
        await using var bob = await server.ConnectReadyAsync("ba-bob", extraQuery: "topics=system_alerts");
        await using var anonymous = await server.ConnectAsync(null);
        await anonymous.ReceiveTypeAsync("connection");
        using var service = server.ClientFor("ba-service", "service");

        using var response = await service.PostJsonAsync("/api/notifications?all=true", new { type = "maintenance", message = "Down at 22:00", data = new { minutes = 30 } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("broadcast", (await response.ReadJsonAsync()).GetProperty("topic").GetString());
        var received = new List<JsonElement>();
        foreach (var socket in new[] { alice, bob, anonymous })
        {
            received.Add(await socket.ReceiveTypeAsync("notification"));
        }

        Assert.All(received, message =>
        {
            Assert.Equal("broadcast", message.GetProperty("topic").GetString());
            Assert.Equal("Down at 22:00", message.GetProperty("message").GetString());
            Assert.Equal("maintenance", message.GetProperty("notification_type").GetString());
            Assert.Equal(30, message.GetProperty("data").GetProperty("minutes").GetInt32());
        });
        var seq = received[0].GetProperty("seq").GetInt64();
        Assert.True(seq > 0);
        Assert.All(received, message => Assert.Equal(seq, message.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task AllTrue_ToAConnectionAlsoSubscribedByHand_ShouldArriveOnce()
    {
        await using var socket = await server.ConnectReadyAsync("ba-twice");
        await socket.SendAsync(new { type = "subscribe", topic = "broadcast", id = "s" });
        var subscribed = await socket.ReceiveTypeAsync("subscription");
        using var admin = server.ClientFor("ba-admin", "admin");

        (await admin.PostJsonAsync("/api/notifications?all=true", new { type = "news", message = "Once" })).Dispose();

        Assert.Equal("subscribed", subscribed.GetProperty("status").GetString());
        Assert.Equal("Once", (await socket.ReceiveTypeAsync("notification")).GetProperty("message").GetString());
        await socket.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task AllTrue_AfterUnsubscribingFromBroadcast_ShouldNotArriveOnThatConnection()
    {
        await using var optedOut = await server.ConnectReadyAsync("ba-opt-out");
        await using var other = await server.ConnectReadyAsync("ba-stays");
        await optedOut.SendAsync(new { type = "unsubscribe", topic = "broadcast" });
        Assert.Equal("unsubscribed", (await optedOut.ReceiveTypeAsync("subscription")).GetProperty("status").GetString());
        using var service = server.ClientFor("ba-service", "service");

        (await service.PostJsonAsync("/api/notifications?all=true", new { type = "news", message = "Not for the opted out" })).Dispose();

        await other.ReceiveTypeAsync("notification");
        await optedOut.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task BroadcastSubscription_ShouldNotCountAgainstTheLimit_EvenWhenTakenBackByHand()
    {
        await using var socket = await server.ConnectReadyAsync("ba-limit");
        await socket.SendAsync(new { type = "subscribe", topics = Enumerable.Range(0, 100).Select(i => $"limit.{i}").ToArray() });
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal("subscribed", (await socket.ReceiveTypeAsync("subscription")).GetProperty("status").GetString());
        }

        await socket.SendAsync(new { type = "unsubscribe", topic = "broadcast" });
        await socket.ReceiveTypeAsync("subscription");
        await socket.SendAsync(new { type = "subscribe", topics = new[] { "broadcast", "limit.100" } });
        var again = await socket.ReceiveNonHeartbeatAsync();
        var overLimit = await socket.ReceiveNonHeartbeatAsync();

        Assert.Equal("subscription", again!.Value.GetProperty("type").GetString());
        Assert.Equal("broadcast", again.Value.GetProperty("topic").GetString());
        Assert.Equal("forbidden", overLimit!.Value.GetProperty("code").GetString());
    }

    [Fact]
    public async Task AllTrue_WithoutAdminOrServiceRole_ShouldBe403_AndReachNobody()
    {
        await using var listener = await server.ConnectReadyAsync("ba-listener");
        using var user = server.ClientFor("ba-user");

        using var response = await user.PostJsonAsync("/api/notifications?all=true", new { type = "news", message = "Hi all" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await listener.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
    }

    /// <summary>Everyone is reached only by <c>?all=true</c> alone, well formed: anything else is a 400 problem saying how.</summary>
    [Theory]
    [InlineData("/api/notifications?all=true&topic=system_alerts", false, "?all=true")]
    [InlineData("/api/notifications?all=true", true, "?all=true")]
    [InlineData("/api/notifications?topic=broadcast", false, "?all=true")]
    [InlineData("/api/notifications?all=yes", false, "bool> all")]
    public async Task AmbiguousOrMalformedBroadcastToAll_ShouldBe400_AndReachNobody(string url, bool withUserId, string explanation)
    {
        await using var listener = await server.ConnectReadyAsync("ba-mixed", extraQuery: "topics=system_alerts");
        using var service = server.ClientFor("ba-service", "service");
        object body = withUserId ? new { user_id = "ba-mixed", type = "news", message = "Which?" } : new { type = "news", message = "Which?" };

        using var response = await service.PostJsonAsync(url, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(explanation, (await response.ReadJsonAsync()).GetRawText(), StringComparison.Ordinal);
        await listener.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
    }

    [Theory]
    [InlineData("/api/notifications")]
    [InlineData("/api/notifications?all=false")]
    public async Task NoTarget_ShouldBe400_NamingEveryWayToGiveOne(string url)
    {
        using var service = server.ClientFor("ba-service", "service");

        using var response = await service.PostJsonAsync(url, new { type = "news", message = "To whom?" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("A target is required.", problem.GetProperty("title").GetString());
        Assert.Contains("?all=true", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllTrue_WhileAway_ShouldBeReplayedOnLastSeqAndOnResume_WithoutSubscribing()
    {
        long lastSeq;
        await using (var before = await server.ConnectAsync("ba-away"))
        {
            lastSeq = (await before.ReceiveTypeAsync("connection")).GetProperty("last_seq").GetInt64();
        }

        using var service = server.ClientFor("ba-service", "service");
        (await service.PostJsonAsync("/api/notifications?all=true", new { type = "news", message = "While you were away" })).Dispose();

        await using var user = await server.ConnectAsync("ba-away", extraQuery: $"last_seq={lastSeq}");
        await user.ReceiveTypeAsync("connection");
        var (replayed, resumed) = await user.ReceiveUntilAsync("resumed");
        await using var anonymous = await server.ConnectAsync(null);
        await anonymous.ReceiveTypeAsync("connection");
        await anonymous.SendAsync(new { type = "resume", last_seq = lastSeq, id = "r" });
        var (anonymousReplayed, anonymousResumed) = await anonymous.ReceiveUntilAsync("resumed");

        foreach (var (messages, result) in new[] { (replayed, resumed), (anonymousReplayed, anonymousResumed) })
        {
            var message = Assert.Single(messages);
            Assert.Equal("notification", message.GetProperty("type").GetString());
            Assert.Equal("broadcast", message.GetProperty("topic").GetString());
            Assert.Equal("While you were away", message.GetProperty("message").GetString());
            Assert.True(message.GetProperty("seq").GetInt64() > lastSeq);
            Assert.Equal(1, result.GetProperty("replayed").GetInt32());
            Assert.True(result.GetProperty("complete").GetBoolean());
        }
    }

    public sealed class AnonymousAllowedServer : FridayServer
    {
        public AnonymousAllowedServer() => Settings["Realtime:AllowAnonymous"] = "true";
    }
}
