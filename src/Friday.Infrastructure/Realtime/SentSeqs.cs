namespace Friday.Infrastructure.Realtime;

/// <summary>
/// Which stream <c>seq</c>s one connection was already sent, so none goes out twice. Live delivery
/// reaches a connection in <c>seq</c> order (<see cref="Backplane.OrderedStreamDelivery"/>), so the
/// highest one sent live is all that needs remembering. A replay is different: it may run ahead of
/// live delivery (it reads the log, which holds events before they are delivered) and the pending
/// notifications sent with it need not be in order, so the seqs it sends are kept as a set — only
/// until live delivery has passed them. An idle or purely live connection holds no set at all.
/// Not thread-safe: the connection serialises its callers.
/// </summary>
internal sealed class SentSeqs
{
    private long _live;
    private HashSet<long>? _replayed;
    private long _replayedMax;

    /// <summary>True when a live event is new to this connection; it counts as sent from here on.</summary>
    public bool TryAddLive(long seq)
    {
        if (seq <= _live)
        {
            return false;
        }

        _live = seq;
        if (_replayed is null)
        {
            return true;
        }

        // Live delivery only moves forward: past the newest replayed seq nothing can collide any more.
        if (seq > _replayedMax)
        {
            _replayed = null;
            return true;
        }

        return !_replayed.Remove(seq);
    }

    /// <summary>
    /// True when a replayed event is new to this connection. One at or below the newest seq sent live
    /// is refused even if it was never sent: sending it now would break <c>seq</c> order.
    /// </summary>
    public bool TryAddReplayed(long seq)
    {
        if (seq <= _live)
        {
            return false;
        }

        _replayed ??= [];
        if (!_replayed.Add(seq))
        {
            return false;
        }

        _replayedMax = Math.Max(_replayedMax, seq);
        return true;
    }

    /// <summary>
    /// Forgets the replayed seqs at or below <paramref name="deliveredUpTo"/>, the newest seq this node
    /// has delivered live: those can no longer arrive live, so they cannot collide.
    /// </summary>
    public void ForgetReplayedUpTo(long deliveredUpTo)
    {
        if (_replayed is null)
        {
            return;
        }

        if (_replayedMax <= deliveredUpTo)
        {
            _replayed = null;
            return;
        }

        _replayed.RemoveWhere(seq => seq <= deliveredUpTo);
    }

    /// <summary>How many replayed seqs are still kept; 0 when no set is held.</summary>
    public int KeptCount => _replayed?.Count ?? 0;
}
