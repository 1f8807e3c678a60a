using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace Friday.Bench.HeapProfile;

/// <summary>
/// A heap dump of a running server taken right after a full blocking collection, so that it holds
/// what the server keeps, not the garbage of its last connect storm.
/// </summary>
internal static class Snapshot
{
    /// <summary>The runtime keyword that makes the target run a full blocking collection (as dotnet-gcdump does).</summary>
    private const long GCHeapCollectKeyword = 0x800000;

    public static async Task TakeAsync(int processId, string file)
    {
        var client = new DiagnosticsClient(processId);
        using (var session = await client.StartEventPipeSessionAsync(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GCHeapCollectKeyword),
            requestRundown: false,
            circularBufferMB: 16,
            CancellationToken.None))
        {
            var drained = session.EventStream.CopyToAsync(Stream.Null);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await session.StopAsync(CancellationToken.None);
            await drained;
        }

        await client.WriteDumpAsync(DumpType.WithHeap, Path.GetFullPath(file), logDumpGeneration: false, CancellationToken.None);
    }
}
