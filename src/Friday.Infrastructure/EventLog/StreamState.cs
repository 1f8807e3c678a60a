namespace Friday.Infrastructure.EventLog;

/// <summary>
/// The one row holding the newest <c>seq</c> issued. Updating it is the sequencer's lock: on every
/// provider a second sequencer waits for the first to commit, on any node.
/// </summary>
public sealed class StreamState
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public long LastSeq { get; set; }

    /// <summary>
    /// Every event at or below this <c>seq</c> was trimmed, but for those of notifications not yet
    /// delivered: a replay from at or after it is complete.
    /// </summary>
    public long TrimmedThrough { get; set; }
}
