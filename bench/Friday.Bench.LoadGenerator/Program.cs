using System.Text.Json;
using Friday.Bench.LoadGenerator;
using Friday.Bench.LoadGenerator.Measurement;
using Friday.Bench.LoadGenerator.Protocol;
using Friday.Bench.LoadGenerator.Reporting;
using Friday.Bench.LoadGenerator.Scenarios;

// Thousands of connects and receive continuations arrive in bursts; starting with more workers
// avoids waiting on the pool's gradual thread injection while the measurement runs.
ThreadPool.SetMinThreads(Environment.ProcessorCount * 8, Environment.ProcessorCount * 8);

var options = Options.Parse(args);
ITargetDialect dialect = options.Text("target") switch
{
    "friday" => new FridayDialect(),
    "signalr" => new SignalRDialect(),
    var other => throw new ArgumentException($"Unknown target '{other}' (friday or signalr)."),
};
IScenario scenario = options.Text("scenario", "fanout") switch
{
    "fanout" => new FanoutScenario(),
    "idle" => new IdleScenario(),
    "notes-e2e" => new NotesEndToEndScenario(),
    "resume" => new ResumeScenario(),
    var other => throw new ArgumentException($"Unknown scenario '{other}' (fanout, idle, notes-e2e or resume)."),
};
var server = new Uri(options.Text("url"));
var process = options.Values.ContainsKey("server-pid") ? new ServerProcess(options.Int("server-pid", 0)) : null;

using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(30) };
var context = new ScenarioContext(options, dialect, server, http, process);
var result = await scenario.RunAsync(context, CancellationToken.None);
result.Parameters = options.Values;

Console.Write(ResultTable.Render(result));
if (options.Values.TryGetValue("out", out var path))
{
    await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, BenchJsonContext.Default.ScenarioResult));
}

return result.Failed ? 1 : 0;
