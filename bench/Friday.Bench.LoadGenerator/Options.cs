using System.Globalization;

namespace Friday.Bench.LoadGenerator;

/// <summary>
/// Command line as <c>--name value</c> pairs. Reading a value with a fallback records the
/// fallback, so the results always show the parameters a run actually used.
/// </summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values;

    private Options(Dictionary<string, string> values) => _values = values;

    public IReadOnlyDictionary<string, string> Values => _values;

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value', got '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        return new Options(values);
    }

    public string Text(string name, string? fallback = null)
    {
        if (_values.TryGetValue(name, out var value))
        {
            return value;
        }

        _values[name] = fallback ?? throw new ArgumentException($"--{name} is required.");
        return fallback;
    }

    public int Int(string name, int fallback) =>
        int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public double Number(string name, double fallback) =>
        double.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
