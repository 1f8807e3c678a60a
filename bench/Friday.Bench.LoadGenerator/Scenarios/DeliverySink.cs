using Friday.Bench.LoadGenerator.Measurement;
using Friday.Bench.LoadGenerator.Protocol;

namespace Friday.Bench.LoadGenerator.Scenarios;

/// <summary>
/// Shared by every connection of a fan-out: one histogram, one counter, no per-message allocation.
/// Broadcasts stamped before <see cref="MeasureFrom"/> belong to the warm-up: counted, not measured.
/// </summary>
internal sealed class DeliverySink : IMessageSink
{
    private long _received;
    private long _warmupReceived;
    private long _lastReceipt;
    private long _measureFrom;

    public LatencyHistogram LatencyMicros { get; } = new();

    public long Received => Interlocked.Read(ref _received);

    public long WarmupReceived => Interlocked.Read(ref _warmupReceived);

    public long LastReceipt => Interlocked.Read(ref _lastReceipt);

    /// <summary>The clock stamp from which broadcasts count; 0 until the warm-up ends.</summary>
    public long MeasureFrom
    {
        get => Interlocked.Read(ref _measureFrom);
        set => Interlocked.Exchange(ref _measureFrom, value);
    }

    public void OnMessage(in InboundMessage message)
    {
        if (message.Kind != MessageKind.Notification || message.Sent == 0)
        {
            return;
        }

        if (message.Sent < MeasureFrom || MeasureFrom == 0)
        {
            Interlocked.Increment(ref _warmupReceived);
            return;
        }

        var now = Clock.Now();
        LatencyMicros.Record(Clock.MicrosSince(message.Sent, now));
        Interlocked.Increment(ref _received);
        Interlocked.Exchange(ref _lastReceipt, now);
    }
}
