using System.Text.Json;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;

namespace Friday.Bench.Micro;

/// <summary>
/// Handing one event to every receiver's bounded outbound queue: serialised once and shared,
/// against serialised again for each receiver.
/// </summary>
[MemoryDiagnoser]
public class FanoutBenchmarks
{
    private readonly NotificationMessage _message = Samples.Notification(1236);
    private Channel<byte[]>[] _queues = [];

    [Params(10_000)]
    public int Receivers { get; set; }

    [GlobalSetup]
    public void CreateQueues() =>
        _queues = Enumerable.Range(0, Receivers)
            .Select(_ => Channel.CreateBounded<byte[]>(new BoundedChannelOptions(64) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }))
            .ToArray();

    [Benchmark(Baseline = true)]
    public int SerialiseOnceShareBytes()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(_message, MicroJsonContext.Default.NotificationMessage);
        var written = 0;
        foreach (var queue in _queues)
        {
            written += Deliver(queue, bytes);
        }

        return written;
    }

    [Benchmark]
    public int SerialisePerReceiver()
    {
        var written = 0;
        foreach (var queue in _queues)
        {
            written += Deliver(queue, JsonSerializer.SerializeToUtf8Bytes(_message, MicroJsonContext.Default.NotificationMessage));
        }

        return written;
    }

    // Each receiver's writer loop takes the message straight back out, so the queues stay at the
    // steady state a live server sees instead of filling up over the benchmark's iterations.
    private static int Deliver(Channel<byte[]> queue, byte[] bytes)
    {
        var written = queue.Writer.TryWrite(bytes) ? 1 : 0;
        queue.Reader.TryRead(out _);
        return written;
    }
}
