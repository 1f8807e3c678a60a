using Friday.Bench.LoadGenerator.Clients;
using Friday.Bench.LoadGenerator.Protocol;
using Friday.Bench.LoadGenerator.Reporting;

namespace Friday.Bench.LoadGenerator.Scenarios;

/// <summary>REST write to WebSocket event: the whole path a note takes through Friday, database included.</summary>
internal sealed class NotesEndToEndScenario : IScenario
{
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var result = context.NewResult("notes-e2e");
        var rate = context.Options.Number("rate", 200);
        var seconds = context.Options.Number("seconds", 10);
        if (context.Dialect is not FridayDialect)
        {
            result.Status = ScenarioResult.NotApplicable;
            return result;
        }

        var identity = await context.Dialect.IdentifyAsync(context.Http, context.Server, $"bench-notes-{Environment.ProcessId}", admin: false, cancellationToken);
        var sink = new NoteLatencySink();
        await using var fleet = new ClientFleet();
        await fleet.ConnectAsync(context.Dialect, id => context.Dialect.ConnectUri(context.Server, id, null), [identity], _ => sink, "notes", 1, cancellationToken);
        if (fleet.Clients.Count == 0)
        {
            result.Status = "failed";
            result.Detail = "could not connect and subscribe to notes";
            return result;
        }

        // A fresh server's first requests pay for JIT, EF Core's first SaveChanges and an empty
        // connection pool; at 200/s those few hundred milliseconds would be the p99 of a short run.
        // Notes written while warming up are never matched, so they stay out of the figures.
        var warmup = context.Options.Number("warmup", 3);
        var inFlight = context.Options.Int("in-flight", 64);
        if (warmup > 0)
        {
            await new RatePublisher(rate, TimeSpan.FromSeconds(warmup), inFlight).RunAsync(
                async (_, ct) => await FridayApi.CreateNoteAsync(context.Http, context.Server, identity.Token, ct) is not null,
                cancellationToken);
        }

        var publisher = new RatePublisher(rate, TimeSpan.FromSeconds(seconds), inFlight);
        await publisher.RunAsync(async (postedAt, ct) =>
        {
            var id = await FridayApi.CreateNoteAsync(context.Http, context.Server, identity.Token, ct);
            if (id is not null)
            {
                sink.Created(id, postedAt);
            }

            return id is not null;
        }, cancellationToken);
        await Drain.UntilAsync(() => sink.Matched >= publisher.Succeeded, TimeSpan.FromSeconds(10), cancellationToken);

        result.Add("created", publisher.Succeeded, "notes");
        result.Add("create_failed", publisher.Failed, "notes");
        result.Add("writes_per_second", publisher.Succeeded / seconds, "1/s");
        result.Add("lost", publisher.Succeeded - sink.Matched, "events");
        result.AddPercentiles("latency", sink.LatencyMicros);
        if (sink.Matched != publisher.Succeeded || publisher.Failed > 0)
        {
            result.Status = ScenarioResult.Lost;
            result.Detail = $"{publisher.Succeeded} notes created, {sink.Matched} events matched, {publisher.Failed} writes failed";
        }

        return result;
    }
}
