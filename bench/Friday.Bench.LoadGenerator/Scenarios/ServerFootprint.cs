using Friday.Bench.LoadGenerator.Measurement;
using Friday.Bench.LoadGenerator.Reporting;

namespace Friday.Bench.LoadGenerator.Scenarios;

/// <summary>Server memory before and after a fleet connects, reported per connection.</summary>
internal sealed class ServerFootprint(ServerProcess? process)
{
    private long _baseline;

    public async Task BeforeConnectingAsync(CancellationToken cancellationToken)
    {
        if (process is null)
        {
            return;
        }

        await ScenarioContext.SettleAsync(cancellationToken);
        _baseline = process.RssKiB();
    }

    public async Task AfterConnectingAsync(ScenarioResult result, int connections, CancellationToken cancellationToken)
    {
        if (process is null)
        {
            return;
        }

        await ScenarioContext.SettleAsync(cancellationToken);
        var connected = process.RssKiB();
        result.Add("rss_baseline", _baseline, "KiB");
        result.Add("rss_connected", connected, "KiB");
        result.Add("rss_per_connection", connections == 0 ? 0 : (double)(connected - _baseline) / connections, "KiB");
    }
}
