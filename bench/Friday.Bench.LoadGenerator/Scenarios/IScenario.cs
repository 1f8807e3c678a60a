using Friday.Bench.LoadGenerator.Reporting;

namespace Friday.Bench.LoadGenerator.Scenarios;

internal interface IScenario
{
    Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}
