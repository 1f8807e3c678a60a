using Friday.Infrastructure.Common;
using Friday.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.EventLog;

/// <summary>Trims the history to its age and count limits, every EventLog:TrimSeconds. Unsequenced rows are never trimmed.</summary>
internal sealed class EventLogRetentionService(IServiceScopeFactory scopes, IOptions<EventLogOptions> options, TimeProvider clock, ILogger<EventLogRetentionService> logger)
    : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.TrimSeconds);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<FridayDbContext>();
        var last = await db.StreamState.AsNoTracking().Where(s => s.Id == StreamState.SingletonId).Select(s => s.LastSeq).SingleAsync(cancellationToken);
        var before = Clock.GetUtcNow().AddHours(-options.Value.RetentionHours);
        var keepFrom = last - options.Value.MaxEvents;
        using var turn = await services.GetRequiredService<SqliteWriteGate>().EnterAsync(cancellationToken);
        await db.StreamEvents
            .Where(e => e.Seq != null && (e.Seq <= keepFrom || e.CreatedAt < before))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
