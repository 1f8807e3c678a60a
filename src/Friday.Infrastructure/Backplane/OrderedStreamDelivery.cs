using System.Diagnostics;
using Friday.Domain.Realtime;
using Friday.Infrastructure.EventLog;
using Friday.Infrastructure.Notifications;
using Friday.Infrastructure.Realtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Backplane;

/// <summary>
/// Hands stream events to this node's connections in <c>seq</c> order without gaps. Events sequenced
/// on different nodes travel independently, so N+2 may arrive before N+1: it waits a moment, and if
/// N+1 still has not come the missing range is read from the event log. In-order arrivals, the usual
/// case, touch nothing but memory; anything at or below the last delivered <c>seq</c> is a duplicate.
/// A notification handed to a connection here is recorded as delivered, whichever node published it.
/// Each event carries the moment this node received it (<see cref="Stopwatch"/>) to its socket writes,
/// for the stream latency: waiting here for an earlier one is part of it.
/// </summary>
internal sealed partial class OrderedStreamDelivery(
    WebSocketManager sockets,
    StreamHistory history,
    NotificationDeliveries deliveries,
    IOptions<BackplaneOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<OrderedStreamDelivery> logger)
{
    private const long Unknown = -1;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, (StreamEnvelope Envelope, long ReceivedAt)> _early = [];
    private long _last = Unknown;
    private bool _filling;

    /// <summary>The newest <c>seq</c> delivered on this node.</summary>
    public long Current
    {
        get
        {
            lock (_gate)
            {
                return Math.Max(_last, 0);
            }
        }
    }

    /// <summary>The newest <c>seq</c> issued before this node started: nothing at or below it is delivered live.</summary>
    public void Start(long lastSeq)
    {
        lock (_gate)
        {
            if (lastSeq > _last)
            {
                _last = lastSeq;
                DrainLocked();
            }
        }
    }

    /// <summary>Returns how many connections received the event now; 0 when it waits for an earlier one.</summary>
    public int Deliver(StreamEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var receivedAt = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (_last == Unknown)
            {
                _last = envelope.Seq - 1;
            }

            if (envelope.Seq <= _last)
            {
                return 0;
            }

            if (envelope.Seq == _last + 1)
            {
                var sent = SendLocked(envelope, receivedAt);
                DrainLocked();
                return sent;
            }

            _early.TryAdd(envelope.Seq, (envelope, receivedAt));
            if (!_filling)
            {
                _filling = true;
                _ = FillGapsAsync(lifetime.ApplicationStopping);
            }

            return 0;
        }
    }

    /// <summary>
    /// Delivers what the log holds beyond the last delivered <c>seq</c>: after the broker was away, the
    /// events missed meanwhile arrive now rather than with the next live one.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        long after;
        lock (_gate)
        {
            after = _last;
        }

        var missed = await history.ReadRangeAsync(after, long.MaxValue, cancellationToken);
        var readAt = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (var streamEvent in missed.Where(e => e.Seq > _last))
            {
                SendLocked(streamEvent.ToEnvelope(), readAt);
            }

            DrainLocked();
        }
    }

    private async Task FillGapsAsync(CancellationToken stopping)
    {
        var wait = TimeSpan.FromMilliseconds(options.Value.GapWaitMilliseconds);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, stopping);
                long after, before;
                lock (_gate)
                {
                    if (_early.Count == 0)
                    {
                        _filling = false;
                        return;
                    }

                    after = _last;
                    before = _early.Keys.First();
                }

                var missing = await history.ReadRangeAsync(after, before, stopping);
                var readAt = Stopwatch.GetTimestamp();
                lock (_gate)
                {
                    foreach (var streamEvent in missing.Where(e => e.Seq > _last))
                    {
                        SendLocked(streamEvent.ToEnvelope(), readAt);
                    }

                    // What the log no longer holds was trimmed: nobody can be given it any more.
                    if (_last < before - 1)
                    {
                        LogSkipped(logger, _last + 1, before - 1);
                        _last = before - 1;
                    }

                    LogFilled(logger, after + 1, before - 1, missing.Count);
                    DrainLocked();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be down for a while; the events wait in memory and the next pass tries again.
                LogFillFailed(logger, ex);
            }
        }
    }

    private int SendLocked(StreamEnvelope envelope, long receivedAt)
    {
        _last = envelope.Seq;
        var sent = sockets.SendStream(envelope, receivedAt);
        if (sent > 0 && envelope.NotificationId is { } notificationId)
        {
            deliveries.Delivered(notificationId);
        }

        return sent;
    }

    private void DrainLocked()
    {
        while (_early.Count > 0)
        {
            var first = _early.First();
            if (first.Key > _last + 1)
            {
                return;
            }

            _early.Remove(first.Key);
            if (first.Key == _last + 1)
            {
                SendLocked(first.Value.Envelope, first.Value.ReceivedAt);
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Filled the stream gap {From}..{To} from the event log ({Count} events)")]
    private static partial void LogFilled(ILogger logger, long from, long to, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Stream events {From}..{To} were trimmed from the event log before this node could deliver them")]
    private static partial void LogSkipped(ILogger logger, long from, long to);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Reading a stream gap from the event log failed; trying again")]
    private static partial void LogFillFailed(ILogger logger, Exception exception);
}
