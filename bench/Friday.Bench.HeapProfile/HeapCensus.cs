using Microsoft.Diagnostics.Runtime;

namespace Friday.Bench.HeapProfile;

/// <summary>Objects on a dump's managed heap, counted and sized by type.</summary>
internal sealed class HeapCensus(Dictionary<string, TypeTotal> byType)
{
    public IReadOnlyDictionary<string, TypeTotal> ByType => byType;

    public static HeapCensus Read(string dumpFile)
    {
        using var target = DataTarget.LoadDump(dumpFile);
        // The dump was taken on this machine: its runtime's own DAC lies beside it (no symbol server
        // here). The runtime's dumps do not record its version, so ClrMD's version check cannot pass.
        var clr = target.ClrVersions[0];
        using var runtime = clr.CreateRuntime(Path.Combine(Path.GetDirectoryName(clr.ModuleInfo.FileName)!, "libmscordaccore.so"), ignoreMismatch: true);
        var byType = new Dictionary<string, TypeTotal>(StringComparer.Ordinal);
        foreach (var obj in runtime.Heap.EnumerateObjects())
        {
            if (!obj.IsValid || obj.IsFree || obj.Type?.Name is not { } name)
            {
                continue;
            }

            byType[name] = byType.GetValueOrDefault(name) + new TypeTotal(1, (long)obj.Size);
        }

        return new HeapCensus(byType);
    }

    /// <summary>Per type, what this census holds beyond <paramref name="baseline"/>.</summary>
    public HeapCensus Minus(HeapCensus baseline)
    {
        var growth = new Dictionary<string, TypeTotal>(StringComparer.Ordinal);
        foreach (var (name, total) in byType)
        {
            growth[name] = total - baseline.ByType.GetValueOrDefault(name);
        }

        return new HeapCensus(growth);
    }
}
