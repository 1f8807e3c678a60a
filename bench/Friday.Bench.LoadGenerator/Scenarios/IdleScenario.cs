using Friday.Bench.LoadGenerator.Clients;
using Friday.Bench.LoadGenerator.Protocol;
using Friday.Bench.LoadGenerator.Reporting;

namespace Friday.Bench.LoadGenerator.Scenarios;

/// <summary>N subscribed connections that stay quiet: memory per connection and the CPU that merely keeping them costs.</summary>
internal sealed class IdleScenario : IScenario
{
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var clients = context.Options.Int("clients", 1000);
        var seconds = context.Options.Number("seconds", 10);
        var result = context.NewResult("idle");

        var identities = await context.IdentitiesAsync("idle", clients, cancellationToken);
        var footprint = new ServerFootprint(context.Process);
        await footprint.BeforeConnectingAsync(cancellationToken);
        await using var fleet = new ClientFleet();
        await fleet.ConnectAsync(context.Dialect, id => context.Dialect.ConnectUri(context.Server, id, null), identities, _ => IgnoringSink.Instance, "bench", context.Options.Int("connect-parallelism", 32), cancellationToken);
        FleetReport.AddConnectFigures(result, fleet);
        await footprint.AfterConnectingAsync(result, fleet.Clients.Count, cancellationToken);

        var cpuBefore = context.Process?.CpuMicros() ?? 0;
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        if (context.Process is { } process)
        {
            result.Add("idle_server_cpu", (process.CpuMicros() - cpuBefore) / (seconds * 10_000), "%");
            result.Add("rss_after_idle", process.RssKiB(), "KiB");
        }

        result.Add("dropped_connections", fleet.Dropped, "connections");
        if (fleet.Failed > 0 || fleet.Dropped > 0)
        {
            result.Status = ScenarioResult.Lost;
            result.Detail = $"{fleet.Failed} connects failed, {fleet.Dropped} dropped";
        }

        return result;
    }

    private sealed class IgnoringSink : IMessageSink
    {
        public static readonly IgnoringSink Instance = new();

        public void OnMessage(in InboundMessage message)
        {
            // Idle connections are measured by the server's footprint, not by what they receive.
        }
    }
}
