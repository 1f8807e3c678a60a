using System.Globalization;

namespace Friday.Bench.LoadGenerator.Measurement;

/// <summary>Reads the server's resident memory and CPU time from <c>/proc</c>; the generator never starts it.</summary>
internal sealed class ServerProcess(int pid)
{
    // USER_HZ, the unit of utime and stime, is 100 on every Linux ABI.
    private const double MicrosPerClockTick = 1_000_000.0 / 100;

    public long RssKiB()
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"No VmRSS for process {pid}.");
    }

    /// <summary>utime + stime in microseconds, at the kernel's 10 ms resolution.</summary>
    public double CpuMicros()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name may hold spaces; the fields after its closing parenthesis are fixed.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * MicrosPerClockTick;
    }
}
