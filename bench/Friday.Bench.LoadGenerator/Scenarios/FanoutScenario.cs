using System.Diagnostics;
using Friday.Bench.LoadGenerator.Clients;
using Friday.Bench.LoadGenerator.Measurement;
using Friday.Bench.LoadGenerator.Reporting;

namespace Friday.Bench.LoadGenerator.Scenarios;

/// <summary>N subscribers of one topic; broadcasts at a rate; latency, throughput, cost and loss of delivery.</summary>
internal sealed class FanoutScenario : IScenario
{
    private const string Topic = "bench";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var clients = options.Int("clients", 1000);
        var rate = options.Number("rate", 10);
        var seconds = options.Number("seconds", 10);
        var inFlight = options.Int("in-flight", rate > 0 ? 64 : 8);
        var drainSeconds = options.Number("drain-seconds", 10);
        var result = context.NewResult("fanout");

        var admin = await context.Dialect.IdentifyAsync(context.Http, context.Server, "bench-admin", admin: true, cancellationToken);
        var identities = await context.IdentitiesAsync("bench", clients, cancellationToken);
        var footprint = new ServerFootprint(context.Process);
        await footprint.BeforeConnectingAsync(cancellationToken);

        var sink = new DeliverySink();
        await using var fleet = new ClientFleet();
        await fleet.ConnectAsync(context.Dialect, id => context.Dialect.ConnectUri(context.Server, id, null), identities, _ => sink, Topic, options.Int("connect-parallelism", 32), cancellationToken);
        FleetReport.AddConnectFigures(result, fleet);
        await footprint.AfterConnectingAsync(result, fleet.Clients.Count, cancellationToken);

        async Task<bool> PublishAsync(long sent, CancellationToken ct)
        {
            using var request = context.Dialect.Publish(context.Server, Topic, admin.Token, BroadcastBody.For(sent));
            using var response = await context.Http.SendAsync(request, ct);
            return response.IsSuccessStatusCode;
        }

        // A fresh server spends its first seconds of load compiling the hot paths again at a higher
        // tier (dotnet-trace showed the tiered-compilation thread at 17 % of the server's CPU in a
        // 15 s run); both servers are warmed the same way so the figures are steady state.
        var warmupSeconds = options.Number("warmup", 5);
        if (warmupSeconds > 0)
        {
            var warmup = new RatePublisher(rate, TimeSpan.FromSeconds(warmupSeconds), inFlight);
            await warmup.RunAsync(PublishAsync, cancellationToken);
            var warmupExpected = warmup.Succeeded * fleet.Clients.Count;
            await Drain.UntilAsync(() => sink.WarmupReceived >= warmupExpected, TimeSpan.FromSeconds(drainSeconds), cancellationToken);
        }

        var serverCpuBefore = context.Process?.CpuMicros() ?? 0;
        var ownCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var publisher = new RatePublisher(rate, TimeSpan.FromSeconds(seconds), inFlight);
        var start = Clock.Now();
        sink.MeasureFrom = start;
        await publisher.RunAsync(PublishAsync, cancellationToken);
        var published = Clock.SecondsSince(start);

        var expected = publisher.Succeeded * fleet.Clients.Count;
        await Drain.UntilAsync(() => sink.Received >= expected, TimeSpan.FromSeconds(drainSeconds), cancellationToken);
        var window = (double)(Math.Max(sink.LastReceipt, start) - start) / Stopwatch.Frequency;
        var received = sink.Received;

        result.Add("published", publisher.Succeeded, "broadcasts");
        result.Add("publish_failed", publisher.Failed, "broadcasts");
        result.Add("broadcasts_per_second", publisher.Succeeded / published, "1/s");
        result.Add("deliveries", received, "messages");
        result.Add("lost", expected - received, "messages");
        result.Add("dropped_connections", fleet.Dropped, "connections");
        result.Add("deliveries_per_second", window > 0 ? received / window : 0, "1/s");
        result.AddPercentiles("latency", sink.LatencyMicros);
        if (context.Process is { } process && received > 0)
        {
            result.Add("server_cpu_per_delivery", (process.CpuMicros() - serverCpuBefore) / received, "us");
        }

        result.Add("generator_cpu", (Process.GetCurrentProcess().TotalProcessorTime - ownCpuBefore).TotalSeconds, "s");

        if (expected != received || fleet.Failed > 0 || fleet.Dropped > 0 || publisher.Failed > 0)
        {
            result.Status = ScenarioResult.Lost;
            result.Detail = $"expected {expected} deliveries, received {received}; {fleet.Failed} connects failed, {fleet.Dropped} dropped, {publisher.Failed} publishes failed";
        }

        return result;
    }
}
