using Friday.Bench.LoadGenerator.Measurement;
using Friday.Bench.LoadGenerator.Protocol;

namespace Friday.Bench.LoadGenerator.Scenarios;

/// <summary>Shared by every connection of a fan-out: one histogram, one counter, no per-message allocation.</summary>
internal sealed class DeliverySink : IMessageSink
{
    private long _received;
    private long _lastReceipt;

    public LatencyHistogram LatencyMicros { get; } = new();

    public long Received => Interlocked.Read(ref _received);

    public long LastReceipt => Interlocked.Read(ref _lastReceipt);

    public void OnMessage(in InboundMessage message)
    {
        if (message.Kind != MessageKind.Notification || message.Sent == 0)
        {
            return;
        }

        var now = Clock.Now();
        LatencyMicros.Record(Clock.MicrosSince(message.Sent, now));
        Interlocked.Increment(ref _received);
        Interlocked.Exchange(ref _lastReceipt, now);
    }
}
