using System.Numerics;

namespace Friday.Bench.LoadGenerator.Measurement;

/// <summary>
/// Log-linear histogram of microsecond values, safe to record into from every receive loop at once.
/// 128 linear sub-buckets per power of two bound the percentile error below 1 %, in a fixed
/// 40 KiB, so millions of deliveries cost no allocation and no lock.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int MaxExponent = 40;

    private readonly long[] _counts = new long[SubBuckets + ((MaxExponent - SubBucketBits + 1) * SubBuckets)];
    private long _count;
    private long _max;

    public long Count => Volatile.Read(ref _count);

    public long Max => Volatile.Read(ref _max);

    public void Record(long micros)
    {
        var value = Math.Clamp(micros, 0, (1L << MaxExponent) - 1);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _count);
        var max = Volatile.Read(ref _max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>The upper edge of the bucket holding the value at quantile <paramref name="q"/> (0–1), capped at the true maximum.</summary>
    public long Percentile(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(UpperEdgeOf(i), Max);
            }
        }

        return Max;
    }

    private static int IndexOf(long value)
    {
        if (value < SubBuckets)
        {
            return (int)value;
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = exponent - SubBucketBits;
        var sub = (int)(value >> shift) - SubBuckets;
        return SubBuckets + (shift * SubBuckets) + sub;
    }

    private static long UpperEdgeOf(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }

        var shift = (index - SubBuckets) / SubBuckets;
        var sub = (index - SubBuckets) % SubBuckets;
        return ((SubBuckets + sub + 1L) << shift) - 1;
    }
}
