using System.Globalization;
using System.Text.RegularExpressions;

namespace Friday.Bench.HeapProfile;

/// <summary>The heap growth of N connections as bytes per connection: by layer, then the largest types.</summary>
internal static partial class GrowthReport
{
    private const int TopTypes = 30;

    public static void Print(HeapCensus growth, int connections, TextWriter output)
    {
        var perConnection = (double)connections;
        var types = growth.ByType.Where(t => t.Value.Bytes > 0).ToList();
        var total = types.Sum(t => t.Value.Bytes);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed heap growth: {total / perConnection:F0} B per connection ({connections} connections)"));
        output.WriteLine();
        output.WriteLine("| layer | B per connection |");
        output.WriteLine("|---|---:|");
        foreach (var layer in types.GroupBy(t => Layer.Of(t.Key)).OrderByDescending(g => g.Sum(t => t.Value.Bytes)))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {layer.Key} | {layer.Sum(t => t.Value.Bytes) / perConnection:F0} |"));
        }

        output.WriteLine();
        output.WriteLine("| objects per connection | B per connection | type |");
        output.WriteLine("|---:|---:|---|");
        foreach (var (name, t) in types.OrderByDescending(t => t.Value.Bytes).Take(TopTypes))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {t.Count / perConnection:F1} | {t.Bytes / perConnection:F0} | `{Shorten(name)}` |"));
        }
    }

    /// <summary>Type names without their namespaces: the async state machines' names stay readable.</summary>
    private static string Shorten(string name) => Namespace().Replace(name, string.Empty);

    [GeneratedRegex(@"\b(?:[A-Za-z_][A-Za-z0-9_]*\.)+(?=[A-Za-z_<])")]
    private static partial Regex Namespace();
}
