using Friday.Infrastructure.Common;
using Friday.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.EventLog;

/// <summary>
/// Trims the history to its age and count limits every EventLog:TrimSeconds, by <c>seq</c>: each run
/// deletes every event up to one <c>seq</c> and records it as <see cref="StreamState.TrimmedThrough"/>
/// in the same transaction, so the history never has a hole a replay could pass over unnoticed. By age
/// that <c>seq</c> is the one before the oldest event younger than the retention: an event that got
/// its <c>seq</c> late (a crash, a slow clock) keeps what follows it instead of taking newer events
/// with it. Kept whatever their age: unsequenced events (not yet visible) and the events of unread
/// notifications no connection was sent yet (delivered on the user's next connect with their seq); a
/// notification read before any connection got it is not pending (<see cref="Notifications.PendingNotifications"/>),
/// so its event goes like any other.
/// </summary>
internal sealed class EventLogRetentionService(IServiceScopeFactory scopes, IOptions<EventLogOptions> options, TimeProvider clock, ILogger<EventLogRetentionService> logger)
    : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.TrimSeconds);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<FridayDbContext>();
        var before = Clock.GetUtcNow() - TimeSpan.FromHours(options.Value.RetentionHours);
        var state = await db.StreamStateRow().SingleAsync(cancellationToken);
        var firstYoung = await db.StreamEvents.Where(e => e.Seq != null && e.CreatedAt >= before).MinAsync(e => e.Seq, cancellationToken);
        var through = Math.Max((firstYoung ?? state.LastSeq + 1) - 1, state.LastSeq - options.Value.MaxEvents);
        if (through <= state.TrimmedThrough)
        {
            return;
        }

        using var turn = await services.GetRequiredService<SqliteWriteGate>().EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.StreamEvents
            .Where(e => e.Seq != null && e.Seq <= through)
            .Where(e => e.NotificationId == null || !db.Notifications.Any(n => n.Id == e.NotificationId && n.DeliveredAt == null && n.ReadAt == null))
            .ExecuteDeleteAsync(cancellationToken);

        // Another node may have trimmed further meanwhile: the mark only moves forward.
        await db.StreamState.Where(s => s.Id == StreamState.SingletonId && s.TrimmedThrough < through)
            .ExecuteUpdateAsync(s => s.SetProperty(row => row.TrimmedThrough, through), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
