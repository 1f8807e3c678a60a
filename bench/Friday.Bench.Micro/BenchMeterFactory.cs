using System.Diagnostics.Metrics;

namespace Friday.Bench.Micro;

/// <summary>Meters for the code under measurement, with no listener attached.</summary>
internal sealed class BenchMeterFactory : IMeterFactory
{
    public Meter Create(MeterOptions options) => new(options);

    public void Dispose()
    {
    }
}
