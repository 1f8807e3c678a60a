using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace Friday.Bench.Micro;

/// <summary>The cost of turning one event into the bytes every subscriber is sent.</summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private readonly NotificationMessage _message = Samples.Notification(1236);

    [Benchmark]
    public byte[] SourceGenerated() => JsonSerializer.SerializeToUtf8Bytes(_message, MicroJsonContext.Default.NotificationMessage);
}
