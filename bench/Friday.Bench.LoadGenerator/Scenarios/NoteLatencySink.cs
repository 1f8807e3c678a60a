using Friday.Bench.LoadGenerator.Measurement;
using Friday.Bench.LoadGenerator.Protocol;

namespace Friday.Bench.LoadGenerator.Scenarios;

/// <summary>
/// Pairs each created note with its <c>data_changed</c>. The event may arrive before the POST's
/// response names the id, so whichever half comes first waits for the other.
/// </summary>
internal sealed class NoteLatencySink : IMessageSink
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _postedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _arrivedAt = new(StringComparer.Ordinal);
    private long _matched;

    public LatencyHistogram LatencyMicros { get; } = new();

    public long Matched => Interlocked.Read(ref _matched);

    public void OnMessage(in InboundMessage message)
    {
        if (message.Kind != MessageKind.DataChanged || message.Id is null)
        {
            return;
        }

        var now = Clock.Now();
        lock (_gate)
        {
            if (_postedAt.Remove(message.Id, out var posted))
            {
                Record(posted, now);
            }
            else
            {
                _arrivedAt[message.Id] = now;
            }
        }
    }

    public void Created(string id, long postedAt)
    {
        lock (_gate)
        {
            if (_arrivedAt.Remove(id, out var arrived))
            {
                Record(postedAt, arrived);
            }
            else
            {
                _postedAt[id] = postedAt;
            }
        }
    }

    private void Record(long posted, long arrived)
    {
        LatencyMicros.Record(Clock.MicrosSince(posted, arrived));
        Interlocked.Increment(ref _matched);
    }
}
