using Friday.Bench.LoadGenerator.Clients;
using Friday.Bench.LoadGenerator.Measurement;
using Friday.Bench.LoadGenerator.Protocol;
using Friday.Bench.LoadGenerator.Reporting;

namespace Friday.Bench.LoadGenerator.Scenarios;

/// <summary>A client that missed N of its own events reconnects with <c>?last_seq</c>: how long until it has caught up.</summary>
internal sealed class ResumeScenario : IScenario
{
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var result = context.NewResult("resume");
        var missed = context.Options.Int("notes", 1000);
        var timeout = TimeSpan.FromSeconds(context.Options.Number("resume-timeout", 15));
        if (context.Dialect is not FridayDialect)
        {
            result.Status = ScenarioResult.NotApplicable;
            return result;
        }

        var identity = await context.Dialect.IdentifyAsync(context.Http, context.Server, $"bench-resume-{Environment.ProcessId}", admin: false, cancellationToken);
        var lastSeq = await LastSeqAsync(context, identity, cancellationToken);
        var created = 0;
        await Parallel.ForAsync(0, missed, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (_, ct) =>
        {
            if (await FridayApi.CreateNoteAsync(context.Http, context.Server, identity.Token, ct) is not null)
            {
                Interlocked.Increment(ref created);
            }
        });

        var sink = new ResumeSink();
        await using var fleet = new ClientFleet();
        var start = Clock.Now();
        await fleet.ConnectAsync(context.Dialect, id => context.Dialect.ConnectUri(context.Server, id, lastSeq, "notes"), [identity], _ => sink, null, 1, cancellationToken);
        result.Add("notes_created", created, "notes");
        result.Add("from_seq", lastSeq, "seq");
        try
        {
            var resumedAt = await sink.Resumed.WaitAsync(timeout, cancellationToken);
            result.Add("resume_time", Clock.MicrosSince(start, resumedAt) / 1000.0, "ms");
            result.Add("replayed_reported", sink.ReportedReplayed, "events");
        }
        catch (TimeoutException)
        {
            result.Status = ScenarioResult.NotSupported;
            result.Detail = $"no 'resumed' within {timeout.TotalSeconds} s";
        }

        result.Add("events_received", sink.Events, "events");
        return result;
    }

    private static async Task<long> LastSeqAsync(ScenarioContext context, ClientIdentity identity, CancellationToken cancellationToken)
    {
        await using var fleet = new ClientFleet();
        await fleet.ConnectAsync(context.Dialect, id => context.Dialect.ConnectUri(context.Server, id, null), [identity], _ => new ResumeSink(), "notes", 1, cancellationToken);
        return fleet.Clients.Count == 1 ? fleet.Clients[0].LastSeq
            : throw new InvalidOperationException("Could not open the first connection.");
    }
}
