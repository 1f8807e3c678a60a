namespace Friday.Bench.LoadGenerator.Reporting;

internal sealed class ScenarioResult
{
    public const string Ok = "ok";
    public const string Lost = "lost";
    public const string NotSupported = "not supported";
    public const string NotApplicable = "not applicable";

    public required string Target { get; init; }

    public required string Scenario { get; init; }

    public string Status { get; set; } = Ok;

    public string? Detail { get; set; }

    public required string Command { get; init; }

    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;

    public IReadOnlyDictionary<string, string> Parameters { get; set; } = new Dictionary<string, string>();

    public List<Metric> Metrics { get; } = [];

    public bool Failed => Status is not (Ok or NotSupported or NotApplicable);

    public void Add(string name, double value, string unit) => Metrics.Add(new Metric(name, Math.Round(value, 3), unit));

    public void AddPercentiles(string prefix, Measurement.LatencyHistogram micros)
    {
        Add($"{prefix}_p50", micros.Percentile(0.50) / 1000.0, "ms");
        Add($"{prefix}_p90", micros.Percentile(0.90) / 1000.0, "ms");
        Add($"{prefix}_p99", micros.Percentile(0.99) / 1000.0, "ms");
        Add($"{prefix}_max", micros.Max / 1000.0, "ms");
    }
}
