using Friday.Bench.LoadGenerator.Measurement;
using Friday.Bench.LoadGenerator.Protocol;
using Friday.Bench.LoadGenerator.Reporting;

namespace Friday.Bench.LoadGenerator.Scenarios;

internal sealed class ScenarioContext(Options options, ITargetDialect dialect, Uri server, HttpClient http, ServerProcess? process)
{
    public Options Options => options;

    public ITargetDialect Dialect => dialect;

    public Uri Server => server;

    public HttpClient Http => http;

    /// <summary>Absent when no <c>--server-pid</c> was given; memory and CPU figures are then left out.</summary>
    public ServerProcess? Process => process;

    public ScenarioResult NewResult(string scenario) => new()
    {
        Target = dialect.Name,
        Scenario = scenario,
        Command = Environment.CommandLine,
    };

    /// <summary>Identities for many users, fetched before any timing starts.</summary>
    public async Task<ClientIdentity[]> IdentitiesAsync(string prefix, int count, CancellationToken cancellationToken)
    {
        var identities = new ClientIdentity[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
            identities[i] = await dialect.IdentifyAsync(http, server, $"{prefix}-{i}", admin: false, ct));
        return identities;
    }

    /// <summary>Gives the server's GC and allocator a moment so a memory reading reflects steady state.</summary>
    public static Task SettleAsync(CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
}
