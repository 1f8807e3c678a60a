using BenchmarkDotNet.Attributes;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Realtime.Serialization;

namespace Friday.Bench.Micro;

/// <summary>
/// Turning one event into the bytes every subscriber is sent, with Friday's own serializer: once when
/// the change is stored (everything but seq), once more per event when it is numbered and delivered.
/// </summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private readonly DataChangedMessage _noteCreated = Samples.NoteCreated(1236);
    private readonly string _stored = MessageSerializer.SerializeWithoutSeq(Samples.NoteCreated(0));

    [Benchmark]
    public byte[] DataChangedMessage() => MessageSerializer.Serialize(_noteCreated);

    [Benchmark]
    public string StoredInTheEventLog() => MessageSerializer.SerializeWithoutSeq(_noteCreated);

    [Benchmark(Description = "Stored event to wire bytes (seq added)")]
    public byte[] StoredEventToWire() => MessageSerializer.WithSeq(1236, _stored);
}
