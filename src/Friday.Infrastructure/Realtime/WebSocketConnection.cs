using System.Buffers;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Threading.Channels;
using Friday.Domain.Realtime;
using Friday.Infrastructure.Realtime.Transport;

namespace Friday.Infrastructure.Realtime;

/// <summary>
/// One open socket: its identity, its subscriptions, a bounded outbound queue and the single loop
/// that writes it. Enqueueing never waits; a full queue closes the connection with 1013.
/// </summary>
internal sealed class WebSocketConnection : IDisposable
{
    /// <summary>
    /// What one socket write may gather from the queue. A busy connection's messages leave together,
    /// one send() for many; a single larger message still goes out whole.
    /// </summary>
    internal const int BatchBytes = 64 * 1024;

    /// <summary>Bounds the per-write bookkeeping of enqueue and receive times for the latency histograms.</summary>
    private const int MaxBatchMessages = 256;

    private readonly Channel<OutboundFrame> _outbound;
    private readonly TimeSpan _closeTimeout;
    private readonly int _queueCapacity;
    private readonly CancellationTokenSource _abort = new();
    // Immutable, so every connection starts from the same empty instance instead of two of its own.
    private static readonly ImmutableHashSet<string> NoStrings = ImmutableHashSet.Create<string>(StringComparer.Ordinal);
    private ImmutableHashSet<string> _topics = NoStrings;
    private ImmutableHashSet<string> _notificationTypes = NoStrings;
    private readonly Lock _streamGate = new();
    private readonly SentSeqs _sentSeqs = new();
    private List<HeldEvent>? _held;
    private long _heldLimit;
    private int _closeCode;
    private string _closeReason = string.Empty;
    private volatile bool _dropQueued;

    private readonly FrameTransportStream _transport;
    private readonly WriteCoalescing _coalescing;

    /// <summary>
    /// When the last socket write began (<see cref="Environment.TickCount64"/>), far in the past before the
    /// first so that it is never held; only the writer loop touches it.
    /// </summary>
    private long _lastWriteAt = long.MinValue / 2;

    /// <param name="transport">The stream <paramref name="socket"/> was made on: data frames are written to it directly.</param>
    /// <param name="coalescing">When a write is held back so that more messages share it.</param>
    public WebSocketConnection(string id, string? userId, WebSocket socket, FrameTransportStream transport, int queueCapacity, TimeSpan closeTimeout, RealtimeMetrics metrics, WriteCoalescing coalescing)
    {
        _coalescing = coalescing;
        Id = id;
        UserId = userId;
        Socket = socket;
        _transport = transport;
        _queueCapacity = queueCapacity;
        Metrics = metrics;
        _closeTimeout = closeTimeout;
        _outbound = Channel.CreateBounded<OutboundFrame>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string Id { get; }

    public string? UserId { get; }

    public WebSocket Socket { get; }

    /// <summary>The meter this connection counts into; replies written for it count there too.</summary>
    public RealtimeMetrics Metrics { get; }

    public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.UtcNow;

    public ImmutableHashSet<string> Topics => Volatile.Read(ref _topics);

    public bool IsClosing => Volatile.Read(ref _closeCode) != 0;

    public int CloseCode => Volatile.Read(ref _closeCode);

    /// <summary>
    /// The code that ended the connection: the server's when it closed first — Friday's own, or the
    /// framework's close of a frame it could not accept (1007, 1002) — else the code of the client's
    /// close frame (1000 when it carried none), else 1006, as the connection ended without a close frame.
    /// Read once the receive loop is over, before the session's closing reply sets a code of its own.
    /// </summary>
    public int EndCode
    {
        get
        {
            if (IsClosing)
            {
                return CloseCode;
            }

            var sent = _transport.SentCloseCode;
            if (sent != 0)
            {
                return sent;
            }

            return Socket.CloseStatus is { } received ? (int)received : CloseCodes.AbnormalClosure;
        }
    }

    public int QueueDepth => _outbound.Reader.Count;

    /// <summary>Cancelled when the close handshake took too long or the socket must go at once.</summary>
    public CancellationToken Aborted => _abort.Token;

    public bool IsSubscribedToAny(IReadOnlyList<string> topics)
    {
        var mine = Topics;
        for (var i = 0; i < topics.Count; i++)
        {
            if (mine.Contains(topics[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An empty filter lets every notification type through.</summary>
    public bool AcceptsNotificationType(string? notificationType)
    {
        var filter = Volatile.Read(ref _notificationTypes);
        return filter.IsEmpty || (notificationType is not null && filter.Contains(notificationType));
    }

    /// <summary>Only the connection's own receive loop changes its subscriptions; readers see a snapshot.</summary>
    public bool AddTopic(string topic) => Swap(ref _topics, _topics.Add(topic));

    public bool RemoveTopic(string topic) => Swap(ref _topics, _topics.Remove(topic));

    public void AddNotificationTypes(IEnumerable<string> types) => Swap(ref _notificationTypes, _notificationTypes.Union(types));

    public void RemoveNotificationTypes(IEnumerable<string> types) => Swap(ref _notificationTypes, _notificationTypes.Except(types));

    /// <summary>
    /// A stream event: held while the connection replays history (then sent after it, unless the
    /// replay already carried it), otherwise queued at once. The lock is this connection's own and
    /// uncontended but for a replay switching on or off.
    /// </summary>
    public bool TryEnqueueStream(byte[] payload, long seq, long receivedAt)
    {
        lock (_streamGate)
        {
            if (_held is null)
            {
                return _sentSeqs.TryAddLive(seq) && TryEnqueue(new OutboundFrame(payload, Stopwatch.GetTimestamp(), ReceivedAt: receivedAt));
            }

            return Hold(new HeldEvent(payload, seq, receivedAt));
        }
    }

    /// <summary>
    /// A message to every connection of the user (<see cref="UserMessage"/>: <c>notification_update</c>,
    /// <c>unread_count</c>). It tells of a change the replay's read state may predate, so while the
    /// connection replays it waits among the held stream events, in arrival order; otherwise it is
    /// queued at once, without the lock. One that finds no replay yet was sent after its change was
    /// committed, so a replay starting meanwhile reads that change and cannot contradict it.
    /// </summary>
    public bool TryEnqueueUserMessage(byte[] payload)
    {
        if (Volatile.Read(ref _held) is null)
        {
            return TryEnqueue(payload);
        }

        lock (_streamGate)
        {
            return _held is null ? TryEnqueue(payload) : Hold(new HeldEvent(payload, Seq: null, ReceivedAt: 0));
        }
    }

    private bool Hold(HeldEvent held)
    {
        if (_held!.Count >= _heldLimit)
        {
            Metrics.Dropped();
            Close(CloseCodes.TryAgainLater, "Too many events arrived while replaying history.", drainQueue: false);
            return false;
        }

        _held.Add(held);
        return true;
    }

    /// <summary>
    /// From here on, live stream events wait until <see cref="EndReplay"/>, and replayed events may
    /// start the stream again after the client's <c>last_seq</c> (<see cref="SentSeqs"/>).
    /// </summary>
    public void BeginReplay()
    {
        lock (_streamGate)
        {
            _held ??= [];
            _heldLimit = Math.Max(1024, _queueCapacity * 4L);
            _sentSeqs.BeginReplay();
        }
    }

    /// <summary>A replayed event; false when it does not come after the ones this replay already sent.</summary>
    public bool TryEnqueueReplayed(byte[] payload, long seq)
    {
        lock (_streamGate)
        {
            return _sentSeqs.TryAddReplayed(seq) && TryEnqueue(payload);
        }
    }

    /// <summary>
    /// The <c>seq</c> of the first live event held since <see cref="BeginReplay"/>, if any. Live delivery
    /// is in seq order, so every event from it on reaches this connection live.
    /// </summary>
    public long? FirstHeldSeq
    {
        get
        {
            lock (_streamGate)
            {
                foreach (var held in _held ?? [])
                {
                    if (held.Seq is { } seq)
                    {
                        return seq;
                    }
                }

                return null;
            }
        }
    }

    /// <summary>
    /// Sends, in the order they arrived (stream events in seq order), the live events held meanwhile
    /// that come after everything the replay sent and every held user message, then goes live again.
    /// Calling it twice changes nothing.
    /// </summary>
    public void EndReplay()
    {
        lock (_streamGate)
        {
            _sentSeqs.EndReplay();
            foreach (var held in _held ?? [])
            {
                if (held.Seq is not { } seq || _sentSeqs.TryAddLive(seq))
                {
                    TryEnqueue(new OutboundFrame(held.Payload, Stopwatch.GetTimestamp(), ReceivedAt: held.ReceivedAt));
                }
            }

            _held = null;
        }
    }

    /// <param name="Seq">Null for a user message, which has none.</param>
    private readonly record struct HeldEvent(byte[] Payload, long? Seq, long ReceivedAt);

    public bool TryEnqueue(byte[] payload) => TryEnqueue(new OutboundFrame(payload, Stopwatch.GetTimestamp()));

    /// <summary>The heartbeat message, with a ping frame after it in the same write.</summary>
    public bool TryEnqueueHeartbeat(byte[] payload) => TryEnqueue(new OutboundFrame(payload, Stopwatch.GetTimestamp(), Ping: true));

    /// <summary>When the peer was last heard from, pongs included (<see cref="Environment.TickCount64"/>).</summary>
    public long LastHeardAt => _transport.LastReadAt;

    private bool TryEnqueue(OutboundFrame frame)
    {
        if (IsClosing)
        {
            Metrics.Dropped();
            return false;
        }

        if (_outbound.Writer.TryWrite(frame))
        {
            return true;
        }

        Metrics.Dropped();
        Close(CloseCodes.TryAgainLater, "Outbound queue full: the client reads too slowly.", drainQueue: false);
        return false;
    }

    /// <summary>
    /// Starts the close handshake once; later calls are ignored. With <paramref name="drainQueue"/> the
    /// queued messages are written first (shutdown), otherwise they are dropped (a slow or replaced client).
    /// </summary>
    public bool Close(int code, string reason, bool drainQueue)
    {
        if (Interlocked.CompareExchange(ref _closeCode, code, 0) != 0)
        {
            return false;
        }

        _closeReason = reason;
        _dropQueued = !drainQueue;
        _outbound.Writer.TryComplete();

        // Registered only now, so an open connection pays for no callback: a peer that never finishes
        // the close handshake has its socket aborted, which also ends a receive waiting without a token.
        _abort.Token.UnsafeRegister(static socket => ((WebSocket)socket!).Abort(), Socket);
        _abort.CancelAfter(_closeTimeout);
        return true;
    }

    /// <summary>
    /// The one writer of this socket: writes everything queued at once as text frames, then the close
    /// frame. The wait for work takes no token: <see cref="Close"/> completes the queue, and only a
    /// write can get stuck, which the abort timer cancels.
    /// </summary>
    public async Task RunWriterAsync()
    {
        var reader = _outbound.Reader;

        // A backlog being drained (the last write was large) is never held: see WriteCoalescing.EnoughForOneWrite.
        var lastWriteCount = 0;
        try
        {
            while (await reader.WaitToReadAsync() && !_dropQueued)
            {
                var hold = _coalescing.HoldBefore(_lastWriteAt, Environment.TickCount64, lastWriteCount, reader);
                if (hold > TimeSpan.Zero)
                {
                    await Task.Delay(hold, _abort.Token);

                    // Closed meanwhile by one that drops the queue (a replacement, a slow client): nothing more goes out.
                    if (_dropQueued)
                    {
                        break;
                    }
                }

                _lastWriteAt = Environment.TickCount64;
                lastWriteCount = await WriteQueuedAsync(reader);
            }

            DropRemaining(reader);
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await Socket.CloseOutputAsync((WebSocketCloseStatus)CloseCode, _closeReason, _abort.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
            DropRemaining(reader);
            Socket.Abort();
        }
    }

    /// <summary>Frames the queued messages into one pooled buffer, as many as fit, and writes them in one go; answers how many.</summary>
    private async Task<int> WriteQueuedAsync(ChannelReader<OutboundFrame> reader)
    {
        if (!reader.TryRead(out var first))
        {
            return 0;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BatchBytes, first.WireLength));

        // One rented array for both kinds of timestamp: this runs once per socket write.
        var stamps = ArrayPool<long>.Shared.Rent(2 * MaxBatchMessages);
        var enqueuedAt = stamps.AsSpan(0, MaxBatchMessages);
        var receivedAt = stamps.AsSpan(MaxBatchMessages, MaxBatchMessages);
        try
        {
            var length = Append(buffer, 0, first);
            enqueuedAt[0] = first.EnqueuedAt;
            receivedAt[0] = first.ReceivedAt;
            var count = 1;
            while (count < MaxBatchMessages && reader.TryPeek(out var next)
                && length + next.WireLength <= buffer.Length
                && reader.TryRead(out next))
            {
                length = Append(buffer, length, next);
                enqueuedAt[count] = next.EnqueuedAt;
                receivedAt[count++] = next.ReceivedAt;
            }

            await _transport.WriteAsync(buffer.AsMemory(0, length), _abort.Token);
            Metrics.Sent(stamps.AsSpan(0, count), stamps.AsSpan(MaxBatchMessages, count));
            return count;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(stamps);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Append(byte[] buffer, int offset, OutboundFrame frame)
    {
        var payload = frame.Payload;
        offset += TextFrame.WriteHeader(buffer.AsSpan(offset), payload.Length);
        payload.CopyTo(buffer, offset);
        offset += payload.Length;
        return frame.Ping ? offset + TextFrame.WritePing(buffer.AsSpan(offset)) : offset;
    }

    private void DropRemaining(ChannelReader<OutboundFrame> reader)
    {
        var dropped = 0L;
        while (reader.TryRead(out _))
        {
            dropped++;
        }

        if (dropped > 0)
        {
            Metrics.Dropped(dropped);
        }
    }

    /// <summary>Called once the connection is closed and unregistered, so no one calls <see cref="Close"/> again.</summary>
    public void Dispose() => _abort.Dispose();

    private static bool Swap(ref ImmutableHashSet<string> field, ImmutableHashSet<string> value)
    {
        var changed = !ReferenceEquals(field, value);
        Volatile.Write(ref field, value);
        return changed;
    }
}
