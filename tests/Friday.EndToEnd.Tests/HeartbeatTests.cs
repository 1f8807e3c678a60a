using System.Diagnostics;
using System.Globalization;
using Friday.Infrastructure.Realtime;
using Friday.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

public sealed class HeartbeatTests : IAsyncLifetime
{
    private readonly FridayServer _server = new();

    public Task InitializeAsync()
    {
        _server.Settings["Realtime:HeartbeatIntervalSeconds"] = "1";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Server_ShouldSendAHeartbeatEveryInterval()
    {
        await using var socket = await _server.ConnectAsync("hb-listener");
        var connection = await socket.ReceiveTypeAsync("connection");

        var first = await socket.ReceiveTypeAsync("heartbeat", TimeSpan.FromSeconds(3));
        var second = await socket.ReceiveTypeAsync("heartbeat", TimeSpan.FromSeconds(3));

        Assert.Equal(1, connection.GetProperty("heartbeat_interval").GetInt32());
        Assert.True(first.TryGetProperty("timestamp", out _));
        Assert.True(second.TryGetProperty("timestamp", out _));
    }

    /// <summary>
    /// Each tick serves one slice of the connections, so many sockets' heartbeats, and the pongs that
    /// answer them, do not all go out in one instant. Each tick stamps its own heartbeat, so the
    /// timestamps of forty connections' first heartbeats after they are all connected tell how many
    /// ticks served them: most of the ten slices of an interval, where a single tick would serve all.
    /// Heartbeats stamped before that moment (sent while the others were still connecting) are skipped.
    /// </summary>
    [Fact]
    public async Task Heartbeats_ShouldBeSpreadAcrossTheInterval()
    {
        var sockets = new List<TestSocket>();
        try
        {
            for (var i = 0; i < 40; i++)
            {
                sockets.Add(await _server.ConnectReadyAsync($"hb-spread-{i}"));
            }

            var allConnected = DateTimeOffset.UtcNow;
            var stamps = await Task.WhenAll(sockets.Select(async socket =>
            {
                while (true)
                {
                    var heartbeat = await socket.ReceiveTypeAsync("heartbeat", TimeSpan.FromSeconds(3));
                    var stamp = heartbeat.GetProperty("timestamp").GetDateTimeOffset();
                    if (stamp >= allConnected)
                    {
                        return stamp;
                    }
                }
            }));

            var ticks = stamps.Distinct().Count();
            Assert.True(ticks >= 4, $"Forty connections' first heartbeats came from {ticks} ticks: {string.Join(", ", stamps.Select(s => s.ToString("ss.fff", CultureInfo.InvariantCulture)))}.");
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Silence is measured from the connect; the stopwatch starts before it, so whenever it reads under
    /// three intervals, less than three intervals of silence have passed and the client must still be
    /// connected. Load can only delay a close, never bring it forward. Both ways of upgrading: the
    /// heartbeat, not the socket, does the pinging and the ending.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SilentClient_ShouldBeClosedAfterThreeIntervals_AndNotBefore(bool upgradeOnConnection)
    {
        _server.Settings["Realtime:UpgradeOnConnection"] = upgradeOnConnection ? "true" : "false";
        var threeIntervals = TimeSpan.FromSeconds(3);

        // The first connect starts the host; started inside the measured time, that alone could use up
        // the three intervals on a loaded machine and leave nothing to check.
        await (await _server.ConnectReadyAsync("hb-warm-up")).DisposeAsync();
        var sinceConnect = Stopwatch.StartNew();
        await using var silent = await _server.ConnectReadyAsync("hb-silent");
        await using var talker = await _server.ConnectReadyAsync("hb-talker");
        var stats = _server.Services.GetRequiredService<RealtimeStats>();

        // The silent client reads nothing, so it answers no ping; the talker reads and so answers.
        var talking = Task.Run(async () =>
        {
            var deadline = DateTime.UtcNow.AddSeconds(4.5);
            while (DateTime.UtcNow < deadline)
            {
                await talker.ReceiveAsync(TimeSpan.FromSeconds(5));
            }
        });

        var checkedLate = TimeSpan.Zero;
        while (true)
        {
            var connected = stats.StatusOf("hb-silent").Connected;
            var elapsed = sinceConnect.Elapsed;
            if (elapsed >= threeIntervals - TimeSpan.FromMilliseconds(200))
            {
                break;
            }

            Assert.True(connected, $"The silent client was closed after {elapsed.TotalSeconds:0.0} s, before three intervals of silence.");
            checkedLate = elapsed;
            await Task.Delay(20);
        }

        await talking;

        Assert.True(checkedLate > TimeSpan.FromSeconds(2), $"The last check before three intervals came at {checkedLate.TotalSeconds:0.0} s.");
        Assert.False(stats.StatusOf("hb-silent").Connected);
        Assert.True(stats.StatusOf("hb-talker").Connected);
    }
}
