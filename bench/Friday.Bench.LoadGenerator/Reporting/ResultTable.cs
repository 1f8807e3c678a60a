using System.Globalization;
using System.Text;

namespace Friday.Bench.LoadGenerator.Reporting;

internal static class ResultTable
{
    public static string Render(ScenarioResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{result.Scenario} against {result.Target}: {result.Status}");
        text.AppendLine(result.Detail is null ? "" : $" ({result.Detail})");
        var width = result.Metrics.Count == 0 ? 0 : result.Metrics.Max(m => m.Name.Length);
        foreach (var metric in result.Metrics)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {metric.Name.PadRight(width)}  {metric.Value,14:0.###}  {metric.Unit}");
        }

        return text.ToString();
    }
}
