using Friday.Application.Realtime;

namespace Friday.Infrastructure.Realtime;

/// <summary>
/// A per-process counter: strictly increasing on one node, but lost on restart. The event log of the
/// delivery-guarantees work replaces it with a deployment-wide sequence.
/// </summary>
internal sealed class InMemoryStreamSequence : IStreamSequence
{
    private long _current;

    public long Current => Interlocked.Read(ref _current);

    public long Issue() => Interlocked.Increment(ref _current);
}
