using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>The optional periodic <c>system_status</c> broadcast (seed 000), through the ordinary public-topic path.</summary>
public sealed class SystemStatusTests
{
    [Fact]
    public async Task Enabled_ShouldBroadcastTheNodesStatusEveryInterval_WithSeqAndReplay_AndNoSecrets()
    {
        await using var server = new FridayServer();
        server.Settings["SystemStatus:Enabled"] = "true";
        server.Settings["SystemStatus:IntervalSeconds"] = "1";
        server.Settings["Node:Id"] = "status-node";
        await using var socket = await server.ConnectReadyAsync("ss-watcher");
        await socket.SendAsync(new { type = "subscribe", topic = "system_status" });
        await socket.ReceiveTypeAsync("subscription");

        var first = await socket.ReceiveTypeAsync("notification");
        var second = await socket.ReceiveTypeAsync("notification");

        Assert.Equal("system_status", first.GetProperty("topic").GetString());
        var data = first.GetProperty("data");
        Assert.Equal("status-node", data.GetProperty("node_id").GetString());
        Assert.True(data.GetProperty("connections").GetInt32() >= 1);
        Assert.True(data.GetProperty("users").GetInt32() >= 1);
        Assert.True(data.GetProperty("uptime_seconds").GetInt64() >= 0);
        Assert.True(second.GetProperty("seq").GetInt64() > first.GetProperty("seq").GetInt64());
        Assert.True(second.GetProperty("data").GetProperty("uptime_seconds").GetInt64() >= data.GetProperty("uptime_seconds").GetInt64());
        Assert.Equal(["connections", "node_id", "started_at", "uptime_seconds", "users"], data.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        await using var resumed = await server.ConnectAsync("ss-late", extraQuery: $"last_seq={first.GetProperty("seq").GetInt64() - 1}&topics=system_status");
        var replayed = await resumed.ReceiveTypeAsync("notification");
        Assert.Equal(first.GetProperty("seq").GetInt64(), replayed.GetProperty("seq").GetInt64());
        Assert.Equal("status-node", replayed.GetProperty("data").GetProperty("node_id").GetString());
    }

    /// <summary>
    /// A short interval, so that only the default of SystemStatus:Enabled keeps the topic quiet: at the
    /// default interval (60 s) the first broadcast goes out at start, before anyone subscribed, and the
    /// next long after this test, so it would pass whatever the default were.
    /// </summary>
    [Fact]
    public async Task ByDefault_ShouldBroadcastNothing()
    {
        await using var server = new FridayServer();
        server.Settings["SystemStatus:IntervalSeconds"] = "1";
        await using var socket = await server.ConnectReadyAsync("ss-quiet");
        await socket.SendAsync(new { type = "subscribe", topic = "system_status" });
        await socket.ReceiveTypeAsync("subscription");

        await socket.AssertSilentAsync(TimeSpan.FromSeconds(2));
    }
}
