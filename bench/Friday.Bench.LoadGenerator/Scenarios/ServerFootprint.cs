using Friday.Bench.LoadGenerator.Measurement;
using Friday.Bench.LoadGenerator.Reporting;

namespace Friday.Bench.LoadGenerator.Scenarios;

/// <summary>
/// Server memory and CPU across a fleet's connect, reported per connection. The CPU window is the
/// connect itself (upgrade, greeting, subscribe): identities are fetched before it opens, so
/// Friday's token requests are not charged to its connects.
/// </summary>
internal sealed class ServerFootprint(ServerProcess? process)
{
    private long _baseline;
    private double _cpuBefore;

    public async Task BeforeConnectingAsync(CancellationToken cancellationToken)
    {
        if (process is null)
        {
            return;
        }

        await ScenarioContext.SettleAsync(cancellationToken);
        _baseline = process.RssKiB();
        _cpuBefore = process.CpuMicros();
    }

    public async Task AfterConnectingAsync(ScenarioResult result, int connections, CancellationToken cancellationToken)
    {
        if (process is null)
        {
            return;
        }

        var connectCpu = process.CpuMicros() - _cpuBefore;
        await ScenarioContext.SettleAsync(cancellationToken);
        var connected = process.RssKiB();
        result.Add("rss_baseline", _baseline, "KiB");
        result.Add("rss_connected", connected, "KiB");
        result.Add("rss_per_connection", connections == 0 ? 0 : (double)(connected - _baseline) / connections, "KiB");
        result.Add("server_cpu_per_connect", connections == 0 ? 0 : connectCpu / connections, "us");
    }
}
