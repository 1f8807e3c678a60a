namespace Friday.Infrastructure.Realtime;

/// <summary>
/// Keeps what one connection is sent of the stream in <c>seq</c> order with no <c>seq</c> twice. Live
/// delivery reaches a connection in <c>seq</c> order (<see cref="Backplane.OrderedStreamDelivery"/>), so
/// the highest <c>seq</c> sent is all that needs remembering. A replay starts the stream again after the
/// client's <c>last_seq</c>: it may repeat what the connection was sent before (the client asked for
/// everything after that point, and cannot be sent an older event after a newer one any other way), it
/// increases within itself, and live delivery goes on above its last event — the replay reads the log,
/// which can be ahead of live delivery, so what it carried may still arrive live and is then skipped.
/// Not thread-safe: the connection serialises its callers.
/// </summary>
internal sealed class SentSeqs
{
    private long _sent;
    private long _replayed;

    /// <summary>True when a live event is new to this connection; it counts as sent from here on.</summary>
    public bool TryAddLive(long seq)
    {
        if (seq <= _sent)
        {
            return false;
        }

        _sent = seq;
        return true;
    }

    /// <summary>A replay begins: it may send anything above the client's <c>last_seq</c>, once and in order.</summary>
    public void BeginReplay() => _replayed = 0;

    /// <summary>True when a replayed event comes after the ones this replay already sent.</summary>
    public bool TryAddReplayed(long seq)
    {
        if (seq <= _replayed)
        {
            return false;
        }

        _replayed = seq;
        return true;
    }

    /// <summary>Live delivery goes on above everything sent, replayed or live. Calling it twice changes nothing.</summary>
    public void EndReplay() => _sent = Math.Max(_sent, _replayed);
}
