using Friday.Bench.LoadGenerator.Clients;
using Friday.Bench.LoadGenerator.Reporting;

namespace Friday.Bench.LoadGenerator.Scenarios;

internal static class FleetReport
{
    public static void AddConnectFigures(ScenarioResult result, ClientFleet fleet)
    {
        result.Add("connected", fleet.Clients.Count, "connections");
        result.Add("connect_failed", fleet.Failed, "connections");
        result.Add("connect_total", fleet.Seconds, "s");
        result.Add("connect_p50", fleet.ConnectMicros.Percentile(0.50) / 1000.0, "ms");
        result.Add("connect_p99", fleet.ConnectMicros.Percentile(0.99) / 1000.0, "ms");
    }
}
