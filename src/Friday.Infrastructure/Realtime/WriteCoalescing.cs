using System.Threading.Channels;

namespace Friday.Infrastructure.Realtime;

/// <summary>
/// When a busy node holds a connection's next socket write back, so that more of the messages arriving
/// for it go out together. Each write costs a <c>send()</c> here and a wake-up and <c>recv()</c> at the
/// client, nearly all of it per write rather than per message: once the node is behind, writing less
/// often is what lets it catch up. A node that keeps up never holds anything back, so its latency is
/// untouched; the hold only binds for a connection that is sent to more often than once per window.
/// </summary>
/// <param name="window">The least time between two writes to one connection while busy; zero turns holding off.</param>
/// <param name="isBusy">Whether the node is behind; asked only when a write comes within the window of the previous one.</param>
internal sealed class WriteCoalescing(TimeSpan window, Func<bool> isBusy)
{
    /// <summary>Never holds a write back.</summary>
    public static readonly WriteCoalescing Off = new(TimeSpan.Zero, static () => false);

    /// <summary>
    /// More than eight work items queued per core: the writers, the receive loops and the fan-out are
    /// waiting for the processor, so a write held back costs little latency it would not have paid anyway.
    /// </summary>
    public static bool ThreadPoolIsBehind() => ThreadPool.PendingWorkItemCount > 8 * Environment.ProcessorCount;

    /// <summary>
    /// Messages that make a write worth its cost already: a backlog this long (a replay, a client catching
    /// up) goes at once, its last part too, since holding it would only delay it, one window per write.
    /// </summary>
    public const int EnoughForOneWrite = 64;

    private readonly long _windowMilliseconds = (long)window.TotalMilliseconds;

    /// <summary>
    /// How long to wait before the next write, given when the previous one started
    /// (<see cref="Environment.TickCount64"/>) and how many messages it carried. The queue is counted
    /// last, only when nothing else has ruled the hold out: counting a bounded channel takes its lock.
    /// </summary>
    public TimeSpan HoldBefore<T>(long lastWriteAt, long now, int lastWriteCount, ChannelReader<T> queue)
    {
        var since = now - lastWriteAt;
        return since < _windowMilliseconds && lastWriteCount < EnoughForOneWrite && isBusy() && queue.Count < EnoughForOneWrite
            ? TimeSpan.FromMilliseconds(_windowMilliseconds - since)
            : TimeSpan.Zero;
    }
}
