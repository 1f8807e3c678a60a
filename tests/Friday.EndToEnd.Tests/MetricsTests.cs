using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Realtime;
using Friday.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using WebSocketMessageType = System.Net.WebSockets.WebSocketMessageType;

namespace Friday.EndToEnd.Tests;

/// <summary>The <c>Friday.Realtime</c> meter as a listener outside the server sees it.</summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private const string ErrorsSent = "friday.realtime.errors.sent";
    private const string ConnectionsOpen = "friday.realtime.connections.open";
    private const string ConnectionsClosed = "friday.realtime.connections.closed";
    private const string ConnectionsRefused = "friday.realtime.connections.refused";
    private const string ConnectionDuration = "friday.realtime.connection.duration";
    private const string Resumes = "friday.realtime.resumes";
    private const string StreamLatency = "friday.realtime.stream.latency";

    private readonly FridayServer _server = new();
    private MeterRecorder _meter = null!;

    public Task InitializeAsync()
    {
        _server.Settings["Realtime:OutboundQueueCapacity"] = "32";
        _server.Settings["Realtime:CloseTimeoutSeconds"] = "1";
        // Small, so that a resume can be made to come back incomplete.
        _server.Settings["EventLog:MaxReplay"] = "2";
        _server.Settings["Realtime:MaxConnectionsPerUser"] = "2";
        _meter = new MeterRecorder(_server.Services.GetRequiredService<IMeterFactory>());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _meter.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task MessagesAndLatency_ShouldBeCounted()
    {
        await using (var socket = await _server.ConnectReadyAsync("metrics-user"))
        {
            await socket.SendAsync(new { type = "ping" });
            await socket.ReceiveTypeAsync("pong");
        }

        await WaitUntilAsync(() => _meter.Total("friday.realtime.connections.closed") >= 1);
        Assert.True(_meter.Total("friday.realtime.messages.sent") >= 3, "connection, unread_count and pong were written");
        Assert.True(_meter.Total("friday.realtime.messages.received") >= 1);
        Assert.True(_meter.Total("friday.realtime.delivery.latency") >= 3, "one latency per message written");
    }

    [Fact]
    public async Task OpenConnections_ShouldRiseAndFall_AndEveryCloseCarryItsCode()
    {
        var first = await _server.ConnectReadyAsync("metrics-open-1");
        var second = await _server.ConnectReadyAsync("metrics-open-2");
        Assert.Equal(2, _meter.Total("friday.realtime.connections.open"));

        await first.DisposeAsync();
        await WaitUntilAsync(() => _meter.Total("friday.realtime.connections.open") == 1);
        await second.SendAsync("{\"type\":\"ping\",\"pad\":\"" + new string('x', 17 * 1024) + "\"}");
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await second.ReceiveCloseAsync());
        await second.DisposeAsync();

        await WaitUntilAsync(() => _meter.Total("friday.realtime.connections.open") == 0);
        Assert.Equal(1, _meter.ClosesWithCode((int)WebSocketCloseStatus.NormalClosure));
        Assert.Equal(1, _meter.ClosesWithCode(CloseCodes.MessageTooBig));
    }

    [Fact]
    public async Task AClosedConnection_ShouldRecordHowLongItWasOpen_UnderItsCloseCode()
    {
        var started = DateTimeOffset.UtcNow;
        await using (await _server.ConnectReadyAsync("metrics-duration"))
        {
            await Task.Delay(300);
        }

        await WaitUntilAsync(() => _meter.Total(ConnectionDuration) == 1);
        var seconds = _meter.Last(ConnectionDuration);
        Assert.Equal(1, _meter.Total(ConnectionDuration, "code", (int)WebSocketCloseStatus.NormalClosure));
        Assert.InRange(seconds, 0.3, (DateTimeOffset.UtcNow - started).TotalSeconds);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(CloseCodes.GoingAway)]
    public async Task AClientsOwnClose_ShouldBeRecordedAndLoggedWithTheClientsCode(int code)
    {
        var user = $"metrics-client-close-{code}";
        await using var socket = await _server.ConnectReadyAsync(user);
        await socket.Socket.CloseOutputAsync((WebSocketCloseStatus)code, "Leaving.", CancellationToken.None);

        await WaitUntilAsync(() => _meter.Total(ConnectionsClosed) == 1);
        Assert.Equal(1, _meter.ClosesWithCode(code));
        Assert.Equal(1, _meter.Total(ConnectionDuration, "code", code));
        await _server.Logs.WaitForLineAsync($"of user {user} closed with {code} after", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task APeerThatVanishesWithoutACloseFrame_ShouldBeRecordedAs1006()
    {
        var socket = await _server.ConnectReadyAsync("metrics-vanished");

        // Closes the TCP connection with no close frame, as a lost network or a killed browser does.
        socket.Socket.Abort();
        await socket.DisposeAsync();

        await WaitUntilAsync(() => _meter.Total(ConnectionsClosed) == 1);
        Assert.Equal(1, _meter.ClosesWithCode(CloseCodes.AbnormalClosure));
        await _server.Logs.WaitForLineAsync($"of user metrics-vanished closed with {CloseCodes.AbnormalClosure} after", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ATextFrameThatIsNotUtf8_ShouldBeRecordedWithThe1007TheServerClosedWith()
    {
        await using var socket = await _server.ConnectReadyAsync("metrics-utf8");
        byte[] payload = [.. "{\"type\":\""u8, 0xF5, 0x88, 0xC0, .. "\"}"u8];
        await socket.Socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        await WaitUntilAsync(() => _meter.Total(ConnectionsClosed) == 1);
        Assert.Equal(1, _meter.ClosesWithCode((int)WebSocketCloseStatus.InvalidPayloadData));
    }

    [Fact]
    public async Task ARefusedToken_ShouldCountAsRefusedWith4001_NotAsAnOpenedOrClosedConnection()
    {
        await using var socket = await TestSocket.ConnectAsync(_server.WebSocketUri(query: "token=not-a-token"));
        Assert.Equal(CloseCodes.Unauthorized, (int?)await socket.ReceiveCloseAsync());

        await WaitUntilAsync(() => _meter.Total(ConnectionsRefused) == 1);
        Assert.Equal(1, _meter.Refusals(CloseCodes.Unauthorized, RefusalReasons.Unauthorized));
        Assert.Equal(0, _meter.Total(ConnectionsOpen));
        Assert.Equal(0, _meter.Total(ConnectionsClosed));
    }

    [Fact]
    public async Task AConnectionPastTheUserLimit_ShouldCountAsRefusedWith1008_AndAClientIdOfAnotherUserWith4003()
    {
        await using var first = await _server.ConnectReadyAsync("metrics-capped", "/ws/metrics-capped-1");
        await using var second = await _server.ConnectReadyAsync("metrics-capped");
        await using (var third = await _server.ConnectAsync("metrics-capped"))
        {
            Assert.Equal(CloseCodes.PolicyViolation, (int?)await third.ReceiveCloseAsync());
        }

        await using (var intruder = await _server.ConnectAsync("metrics-intruder", "/ws/metrics-capped-1"))
        {
            Assert.Equal(CloseCodes.Forbidden, (int?)await intruder.ReceiveCloseAsync());
        }

        await WaitUntilAsync(() => _meter.Total(ConnectionsRefused) == 2);
        Assert.Equal(1, _meter.Refusals(CloseCodes.PolicyViolation, RefusalReasons.UserConnectionLimit));
        Assert.Equal(1, _meter.Refusals(CloseCodes.Forbidden, RefusalReasons.ClientIdInUse));
        Assert.Equal(2, _meter.Total(ConnectionsOpen));
        Assert.Equal(0, _meter.Total(ConnectionsClosed));
    }

    [Fact]
    public async Task UpgradesRefusedWithAnHttpProblem_ShouldCountAsRefusedByStatusAndReason()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await TryConnectAsync(_server, _server.WebSocketUri(query: $"token={_server.TokenFor("metrics-origin")}"), "https://evil.example.com"));
        Assert.Equal(HttpStatusCode.BadRequest, await TryConnectAsync(_server, _server.WebSocketUri("/ws/not.a.client.id", $"token={_server.TokenFor("metrics-client-id")}")));
        using (var plain = _server.AnonymousClient())
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await plain.GetAsync(new Uri("/ws", UriKind.Relative))).StatusCode);
        }

        Assert.Equal(3, _meter.Total(ConnectionsRefused));
        Assert.Equal(1, _meter.Refusals((int)HttpStatusCode.Forbidden, RefusalReasons.OriginNotAllowed));
        Assert.Equal(1, _meter.Refusals((int)HttpStatusCode.BadRequest, RefusalReasons.InvalidClientId));
        Assert.Equal(1, _meter.Refusals((int)HttpStatusCode.BadRequest, RefusalReasons.NotWebSocket));
    }

    [Fact]
    public async Task AFullNode_AndThenTheRateLimit_ShouldCountAsRefusedOnceEach()
    {
        await using var server = new FridayServer();
        server.Settings["Realtime:MaxConnections"] = "1";
        server.Settings["Security:ConnectionsPerIpPerMinute"] = "3";
        using var meter = new MeterRecorder(server.Services.GetRequiredService<IMeterFactory>());
        var uri = server.WebSocketUri(query: $"token={server.TokenFor("metrics-full")}");
        await using var admitted = await server.ConnectReadyAsync("metrics-full");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await TryConnectAsync(server, uri));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await TryConnectAsync(server, uri));
        Assert.Equal(HttpStatusCode.TooManyRequests, await TryConnectAsync(server, uri));

        Assert.Equal(3, meter.Total(ConnectionsRefused));
        Assert.Equal(2, meter.Refusals((int)HttpStatusCode.ServiceUnavailable, RefusalReasons.NodeConnectionLimit));
        Assert.Equal(1, meter.Refusals((int)HttpStatusCode.TooManyRequests, RefusalReasons.RateLimited));
        Assert.Equal(1, meter.Total(ConnectionsOpen));
    }

    [Fact]
    public async Task AClientThatNeverReads_ShouldShowInQueueDepth_ThenInDroppedAndA1013Close()
    {
        await using var slow = await _server.ConnectReadyAsync("metrics-slow");
        await slow.SendAsync(new { type = "subscribe", topic = "metrics.flood" });
        await slow.ReceiveTypeAsync("subscription");
        var sockets = _server.Services.GetRequiredService<IWebSocketManager>();
        var padding = new string('x', 8 * 1024);

        // Once the socket buffers are full the writer waits, the queue grows, and one message too many closes it.
        long deepest = 0;
        for (var n = 0; n < 100_000 && sockets.SendToAudience(Audience.PublicTopic("metrics.flood"), new NotificationMessage(n, "metrics.flood", padding, "flood", null, DateTimeOffset.UtcNow)) == 1; n++)
        {
            deepest = Math.Max(deepest, _meter.ObserveGauge("friday.realtime.outbound.queue.depth"));
        }

        await WaitUntilAsync(() => _meter.ClosesWithCode(CloseCodes.TryAgainLater) == 1);
        Assert.True(deepest >= 16, $"The deepest queue seen was {deepest} of 32.");
        Assert.True(_meter.Total("friday.realtime.messages.dropped") >= 1);
        Assert.Equal(0, _meter.ObserveGauge("friday.realtime.outbound.queue.depth"));
    }

    [Fact]
    public async Task ErrorReplies_ShouldBeCountedByCode_WhetherAnsweredOnAnOpenConnectionOrAtARefusal()
    {
        await using var owner = await _server.ConnectReadyAsync("metrics-errors", "/ws/metrics-errors");
        await owner.SendAsync("{not json");
        await owner.ReceiveTypeAsync("error");
        await owner.SendAsync("{\"type\":\"bogus\"}");
        await owner.ReceiveTypeAsync("error");
        await using var intruder = await _server.ConnectAsync("metrics-intruder", "/ws/metrics-errors");
        await intruder.ReceiveTypeAsync("error");

        // Counted once queued or sent, which can be a moment after the client reads it.
        await WaitUntilAsync(() => _meter.Total(ErrorsSent) == 3);
        Assert.Equal(1, _meter.Total(ErrorsSent, "code", ErrorCodes.InvalidJson));
        Assert.Equal(1, _meter.Total(ErrorsSent, "code", ErrorCodes.UnknownMessageType));
        Assert.Equal(1, _meter.Total(ErrorsSent, "code", ErrorCodes.Forbidden));
    }

    [Fact]
    public async Task Resumes_ShouldBeCountedByWhetherTheyWereComplete_WithTheEventsTheyReplayed()
    {
        for (var i = 0; i < 3; i++)
        {
            await NotifyAsync("metrics-resume");
        }

        await using var socket = await _server.ConnectAsync("metrics-resume", extraQuery: "last_seq=0");
        var (replayed, resumed) = await socket.ReceiveUntilAsync("resumed");
        Assert.False(resumed.GetProperty("complete").GetBoolean());
        await socket.SendAsync(new { type = "resume", last_seq = replayed[^1].GetProperty("seq").GetInt64() });
        Assert.True((await socket.ReceiveTypeAsync("resumed")).GetProperty("complete").GetBoolean());

        await WaitUntilAsync(() => _meter.Total(Resumes) == 2);
        Assert.Equal(1, _meter.Total(Resumes, "complete", false));
        Assert.Equal(1, _meter.Total(Resumes, "complete", true));
        Assert.Equal(3, _meter.Total("friday.realtime.events.replayed"));
    }

    [Fact]
    public async Task Notifications_ShouldBeCountedCreated_ThenDeliveredOnce_LiveOrPendingAtConnect()
    {
        await using var tab1 = await _server.ConnectReadyAsync("metrics-online");
        await using var tab2 = await _server.ConnectReadyAsync("metrics-online");
        await NotifyAsync("metrics-online");
        await tab1.ReceiveTypeAsync("notification");
        await tab2.ReceiveTypeAsync("notification");
        await NotifyAsync("metrics-offline");
        await using var late = await _server.ConnectAsync("metrics-offline");
        await late.ReceiveTypeAsync("notification");

        // Two tabs got the first, but it was delivered once: delivered / created is the success rate.
        await WaitUntilAsync(() => _meter.Total("friday.realtime.notifications.delivered") == 2);
        Assert.Equal(2, _meter.Total("friday.realtime.notifications.created"));
        Assert.Equal(1, _meter.Total("friday.realtime.notifications.sent_at_connect"));
    }

    [Fact]
    public async Task ALiveStreamEvent_ShouldRecordItsLatencyFromReceiptToSocketWrite_AndOneSentFromTheLogNot()
    {
        await NotifyAsync("metrics-latency");
        await using var socket = await _server.ConnectAsync("metrics-latency");
        await socket.ReceiveTypeAsync("notification");
        await socket.ReceiveTypeAsync("unread_count");

        var clock = Stopwatch.StartNew();
        await NotifyAsync("metrics-latency");
        await socket.ReceiveTypeAsync("notification");
        var elapsed = clock.Elapsed.TotalMilliseconds;

        await WaitUntilAsync(() => _meter.Total(StreamLatency) >= 1);
        Assert.Equal(1, _meter.Total(StreamLatency));
        Assert.InRange(_meter.Last(StreamLatency), 0, elapsed);
    }

    /// <summary>The HTTP status of an upgrade the server refused (the socket never opens).</summary>
    private static async Task<HttpStatusCode> TryConnectAsync(FridayServer server, Uri uri, string? origin = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));
        return socket.HttpStatusCode;
    }

    private async Task NotifyAsync(string userId)
    {
        using var service = _server.ClientFor("metrics-notifier", "service");
        await service.NotifyAsync(new { user_id = userId, type = "metrics", message = "Counted" });
    }

    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(15), "The metric never reached the expected value.");

    /// <summary>Listens to the instruments of one server's meter only: other servers in this process have their own.</summary>
    private sealed class MeterRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, double> _totals = new();
        private readonly ConcurrentDictionary<string, long> _gauges = new();
        private readonly ConcurrentDictionary<string, double> _last = new();

        public MeterRecorder(IMeterFactory server)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RealtimeMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, server))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                if (instrument is ObservableGauge<long>)
                {
                    _gauges[instrument.Name] = value;
                    return;
                }

                Add(instrument.Name, value, tags);
            });
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            {
                _last[instrument.Name] = value;
                Add(instrument.Name, 1, tags);
            });
            _listener.Start();
        }

        /// <summary>The sum of a counter's measurements, or the number of a histogram's.</summary>
        public double Total(string instrument) => _totals.GetValueOrDefault(instrument);

        /// <summary>As <see cref="Total(string)"/>, of the measurements that carry the tag with that value.</summary>
        public double Total(string instrument, string tag, object value) => _totals.GetValueOrDefault(Key(instrument, tag, value));

        /// <summary>The value of a histogram's latest measurement.</summary>
        public double Last(string instrument) => _last.GetValueOrDefault(instrument);

        public long ClosesWithCode(int code) => (long)Total("friday.realtime.connections.closed", "code", code);

        /// <summary>Refusals that carried both this code and this reason.</summary>
        public long Refusals(int code, string reason) =>
            (long)_totals.GetValueOrDefault(string.Create(CultureInfo.InvariantCulture, $"{ConnectionsRefused} code={code} reason={reason}"));

        public long ObserveGauge(string instrument)
        {
            _listener.RecordObservableInstruments();
            return _gauges.GetValueOrDefault(instrument);
        }

        public void Dispose() => _listener.Dispose();

        /// <summary>The tags first: a test that waits for the instrument's total then finds them counted too.</summary>
        private void Add(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var all = new StringBuilder(instrument);
            foreach (var tag in tags)
            {
                _totals.AddOrUpdate(Key(instrument, tag.Key, tag.Value), value, (_, total) => total + value);
                all.Append(CultureInfo.InvariantCulture, $" {tag.Key}={tag.Value}");
            }

            if (tags.Length > 1)
            {
                _totals.AddOrUpdate(all.ToString(), value, (_, total) => total + value);
            }

            _totals.AddOrUpdate(instrument, value, (_, total) => total + value);
        }

        private static string Key(string instrument, string tag, object? value) =>
            $"{instrument} {tag}={Convert.ToString(value, CultureInfo.InvariantCulture)}";
    }
}
