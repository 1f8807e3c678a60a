using Friday.Bench.LoadGenerator.Measurement;
using Friday.Bench.LoadGenerator.Protocol;

namespace Friday.Bench.LoadGenerator.Scenarios;

/// <summary>Counts replayed events until the server's <c>resumed</c> arrives.</summary>
internal sealed class ResumeSink : IMessageSink
{
    private readonly TaskCompletionSource<long> _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _events;

    public long Events => Interlocked.Read(ref _events);

    public long ReportedReplayed { get; private set; }

    /// <summary>Completes with the receipt stamp of <c>resumed</c>.</summary>
    public Task<long> Resumed => _resumed.Task;

    public void OnMessage(in InboundMessage message)
    {
        switch (message.Kind)
        {
            case MessageKind.DataChanged or MessageKind.Notification:
                Interlocked.Increment(ref _events);
                break;
            case MessageKind.Resumed:
                ReportedReplayed = message.Replayed;
                _resumed.TrySetResult(Clock.Now());
                break;
            default:
                break;
        }
    }
}
