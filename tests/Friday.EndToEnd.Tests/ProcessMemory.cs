using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace Friday.EndToEnd.Tests;

/// <summary>What a separate server process holds in memory, read the way the operating system sees it.</summary>
internal static class ProcessMemory
{
    /// <summary>The runtime keyword that makes the target run a full blocking collection (as dotnet-gcdump does).</summary>
    private const long GCHeapCollectKeyword = 0x800000;

    /// <summary>Resident set size from <c>/proc/{pid}/status</c>.</summary>
    public static long ResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>
    /// Asks the process, over its diagnostics port, for a full garbage collection: an idle server
    /// collects nothing by itself, so without this its memory would stay at the attack's peak.
    /// </summary>
    public static async Task CollectGarbageAsync(int processId)
    {
        var client = new DiagnosticsClient(processId);
        using var session = await client.StartEventPipeSessionAsync(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GCHeapCollectKeyword),
            requestRundown: false,
            circularBufferMB: 16,
            CancellationToken.None);
        var drained = session.EventStream.CopyToAsync(Stream.Null);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        session.Stop();
        await drained;
    }
}
