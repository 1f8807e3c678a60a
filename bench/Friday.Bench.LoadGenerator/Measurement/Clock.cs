using System.Diagnostics;

namespace Friday.Bench.LoadGenerator.Measurement;

/// <summary>
/// The one clock of a run: publish stamps and receipt stamps are both taken in this process,
/// so a latency never mixes two clocks.
/// </summary>
internal static class Clock
{
    public static long Now() => Stopwatch.GetTimestamp();

    public static long MicrosSince(long start, long end) => (end - start) * 1_000_000 / Stopwatch.Frequency;

    public static double SecondsSince(long start) => (double)(Now() - start) / Stopwatch.Frequency;
}
