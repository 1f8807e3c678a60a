using System.Net.WebSockets;
using BenchmarkDotNet.Attributes;
using Friday.Domain.Realtime;
using Friday.Infrastructure.Realtime;
using Friday.Infrastructure.Realtime.Transport;

namespace Friday.Bench.Micro;

/// <summary>
/// Friday's broadcast path itself: one stream event handed to every subscriber of a public topic
/// (WebSocketManager.SendStream — receivers read without a lock, the same bytes enqueued on each
/// bounded queue). The writer loops are not running, so only the broadcasting thread's work is
/// timed.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(MeasuredSends)]
public class FanoutBenchmarks : IDisposable
{
    // Each queue's backing array (System.Threading.Channels' Deque) doubles when full: 4, 8, ... 128.
    // Primed with 65 events it holds 128 slots, so the 63 measured sends never grow it and the
    // allocation column shows the broadcast's own, not the amortised growth of undrained queues.
    private const int PrimingSends = 65;
    private const int MeasuredSends = 63;

    private readonly RealtimeMetrics _metrics = new(new BenchMeterFactory());
    private WebSocketManager _manager = null!;
    private StreamEnvelope _event = null!;
    private long _seq;

    [Params(10_000)]
    public int Subscribers { get; set; }

    [IterationSetup]
    public void Subscribe()
    {
        _manager = new WebSocketManager(_metrics);
        for (var i = 0; i < Subscribers; i++)
        {
            var transport = new FrameTransportStream(Stream.Null);
            var socket = WebSocket.CreateFromStream(transport, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
            var connection = new WebSocketConnection($"c{i}", $"user{i}", socket, transport, queueCapacity: 1024, TimeSpan.FromSeconds(5), _metrics, WriteCoalescing.Off);
            _manager.Register(connection);
            _manager.Subscribe(connection, Samples.Topic);
        }

        _event = Samples.BroadcastEnvelope(++_seq);
        for (var i = 0; i < PrimingSends; i++)
        {
            SendStreamToEverySubscriber();
        }
    }

    [Benchmark]
    public int SendStreamToEverySubscriber()
    {
        // Each call carries the next seq, as live delivery does (a connection drops a seq it has seen).
        var envelope = _event with { Seq = ++_seq };
        return _manager.SendStream(envelope);
    }

    [IterationCleanup]
    public void Unsubscribe()
    {
        foreach (var connection in _manager.Connections.ToList())
        {
            _manager.Unregister(connection);
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        _metrics.Dispose();
        GC.SuppressFinalize(this);
    }
}
