namespace Friday.Bench.LoadGenerator.Reporting;

/// <summary>One figure; the report pairs figures of the same name across targets.</summary>
internal sealed record Metric(string Name, double Value, string Unit);
