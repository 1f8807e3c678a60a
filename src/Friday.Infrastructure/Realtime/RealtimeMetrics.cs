using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Friday.Infrastructure.Realtime;

/// <summary>
/// The <c>Friday.Realtime</c> meter: what any OpenTelemetry or dotnet-counters reader sees, and the
/// totals the stats endpoint reports.
/// </summary>
public sealed class RealtimeMetrics : IDisposable
{
    public const string MeterName = "Friday.Realtime";

    /// <summary>Seconds: a refused handshake, a page view, a working day; the defaults stop at 10 s.</summary>
    private static readonly double[] ConnectionDurationBuckets = [0.1, 1, 10, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400];

    // Boxed once: a tag built per resume would box the bool each time.
    private static readonly KeyValuePair<string, object?> ResumeComplete = new("complete", true);
    private static readonly KeyValuePair<string, object?> ResumeIncomplete = new("complete", false);

    private readonly Meter _meter;
    private readonly Counter<long> _messagesOut;
    private readonly Counter<long> _messagesIn;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _closes;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _resumes;
    private readonly Counter<long> _replayed;
    private readonly Counter<long> _notificationsCreated;
    private readonly Counter<long> _notificationsDelivered;
    private readonly Counter<long> _notificationsSentAtConnect;
    private readonly UpDownCounter<long> _connections;
    private readonly Histogram<double> _deliveryLatency;
    private readonly Histogram<double> _connectionDuration;
    private readonly Histogram<double> _streamLatency;
    private long _sentTotal;
    private long _droppedTotal;
    private long _receivedTotal;

    public RealtimeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _messagesOut = _meter.CreateCounter<long>("friday.realtime.messages.sent", "{message}", "Messages written to sockets");
        _messagesIn = _meter.CreateCounter<long>("friday.realtime.messages.received", "{message}", "Messages received from clients");
        _dropped = _meter.CreateCounter<long>("friday.realtime.messages.dropped", "{message}", "Messages not queued: the receiver was too slow or closing");
        _closes = _meter.CreateCounter<long>("friday.realtime.connections.closed", "{connection}", "Connections closed, by the close code that ended them (1006: no close frame)");
        _refused = _meter.CreateCounter<long>("friday.realtime.connections.refused", "{connection}", "Connection attempts refused, by HTTP status or close code and reason; never opened");
        _errors = _meter.CreateCounter<long>("friday.realtime.errors.sent", "{message}", "Error messages queued for clients, by error code");
        _resumes = _meter.CreateCounter<long>("friday.realtime.resumes", "{resume}", "Replays since a client's last_seq, at connect or on resume; complete=false when the log could not give everything");
        _replayed = _meter.CreateCounter<long>("friday.realtime.events.replayed", "{event}", "Stream events sent from the log by resumes");
        _notificationsCreated = _meter.CreateCounter<long>("friday.realtime.notifications.created", "{notification}", "Notifications committed");
        _notificationsDelivered = _meter.CreateCounter<long>("friday.realtime.notifications.delivered", "{notification}", "Notifications recorded as delivered to a connection for the first time");
        _notificationsSentAtConnect = _meter.CreateCounter<long>("friday.realtime.notifications.sent_at_connect", "{notification}", "Pending notifications sent from the log as a connection opened");
        _connections = _meter.CreateUpDownCounter<long>("friday.realtime.connections.open", "{connection}", "Open WebSocket connections");
        _deliveryLatency = _meter.CreateHistogram<double>("friday.realtime.delivery.latency", "ms", "From queueing a message to finishing its socket write");
        _streamLatency = _meter.CreateHistogram<double>("friday.realtime.stream.latency", "ms", "From this node receiving a live stream event to finishing its socket write");
        _connectionDuration = _meter.CreateHistogram(
            "friday.realtime.connection.duration", "s", "How long connections stayed open, by close code",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ConnectionDurationBuckets });
    }

    public long SentTotal => Interlocked.Read(ref _sentTotal);

    public long DroppedTotal => Interlocked.Read(ref _droppedTotal);

    public long ReceivedTotal => Interlocked.Read(ref _receivedTotal);

    /// <summary>Registers the queue-depth gauge; the manager owns the queues.</summary>
    public void ObserveQueueDepth(Func<long> depth) =>
        _meter.CreateObservableGauge("friday.realtime.outbound.queue.depth", depth, "{message}", "Messages waiting in outbound queues");

    public void Opened() => _connections.Add(1);

    public void Closed(int closeCode, TimeSpan openFor)
    {
        var code = new TagList { { "code", closeCode } };
        _connections.Add(-1);
        _closes.Add(1, code);
        _connectionDuration.Record(openFor.TotalSeconds, code);
    }

    /// <summary>
    /// An attempt turned away: <paramref name="code"/> is the HTTP status of a refused upgrade or the close
    /// code of a socket closed before it opened; <paramref name="reason"/> is one of <see cref="RefusalReasons"/>.
    /// </summary>
    public void Refused(int code, string reason) => _refused.Add(1, new TagList { { "code", code }, { "reason", reason } });

    /// <summary>An <c>error</c> message for a client; <paramref name="code"/> is one of the protocol's few error codes.</summary>
    public void ErrorSent(string code) => _errors.Add(1, new KeyValuePair<string, object?>("code", code));

    public void Resumed(bool complete, int replayed)
    {
        _resumes.Add(1, complete ? ResumeComplete : ResumeIncomplete);
        _replayed.Add(replayed);
    }

    public void NotificationCreated() => _notificationsCreated.Add(1);

    public void NotificationsDelivered(int count) => _notificationsDelivered.Add(count);

    public void NotificationsSentAtConnect(int count) => _notificationsSentAtConnect.Add(count);

    /// <summary>
    /// Messages written in one socket write, given the <see cref="Stopwatch"/> timestamps at which each was
    /// queued and, for live stream events, received by this node (0 for other messages).
    /// </summary>
    public void Sent(ReadOnlySpan<long> enqueuedAt, ReadOnlySpan<long> receivedAt)
    {
        Interlocked.Add(ref _sentTotal, enqueuedAt.Length);
        _messagesOut.Add(enqueuedAt.Length);
        var now = Stopwatch.GetTimestamp();
        RecordSince(_deliveryLatency, enqueuedAt, now);
        RecordSince(_streamLatency, receivedAt, now);
    }

    /// <summary>Milliseconds from each start to <paramref name="now"/>, skipping zeros; nothing when no one listens.</summary>
    private static void RecordSince(Histogram<double> histogram, ReadOnlySpan<long> starts, long now)
    {
        if (!histogram.Enabled)
        {
            return;
        }

        foreach (var start in starts)
        {
            if (start != 0)
            {
                histogram.Record(Stopwatch.GetElapsedTime(start, now).TotalMilliseconds);
            }
        }
    }

    public void Received()
    {
        Interlocked.Increment(ref _receivedTotal);
        _messagesIn.Add(1);
    }

    public void Dropped(long count = 1)
    {
        Interlocked.Add(ref _droppedTotal, count);
        _dropped.Add(count);
    }

    public void Dispose() => _meter.Dispose();
}
