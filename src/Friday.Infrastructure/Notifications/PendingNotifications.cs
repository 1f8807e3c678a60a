using Friday.Application.Notifications;
using Friday.Application.Realtime;
using Friday.Domain.Notifications;
using Friday.Infrastructure.EventLog;
using Friday.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Notifications;

/// <summary>
/// The notifications created for a user while they had no connection and not read since (over REST,
/// say): one already read is no news, and pushing it as <c>notification</c> would show it as new. The
/// log keeps their stream events until they are delivered or read (<see cref="EventLogRetentionService"/>),
/// so each is sent with the <c>seq</c> it was published with.
/// </summary>
internal sealed class PendingNotifications(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, SqliteWriteGate writeGate, StreamPublisher publisher, TimeProvider clock)
{
    /// <summary>
    /// Compiled once: this runs on every WebSocket connect, and EF Core otherwise walks and hashes the
    /// expression tree on every run to find its cached plan (a fifth of a connect's server CPU,
    /// bench/results/analysis.md). Per instance, not static: the plan is made for the first context's
    /// database provider, and hosts on different providers in one process (the tests) need one each.
    /// </summary>
    private readonly Func<FridayDbContext, string, int, IAsyncEnumerable<PendingNotification>> _pendingOf =
        EF.CompileAsyncQuery((FridayDbContext db, string userId, int limit) => (
                from notification in db.Notifications.AsNoTracking()
                where notification.UserId == userId && notification.DeliveredAt == null && notification.ReadAt == null
                join streamEvent in db.StreamEvents.AsNoTracking() on (Guid?)notification.Id equals streamEvent.NotificationId into events
                from streamEvent in events.DefaultIfEmpty()
                orderby notification.CreatedAt, notification.Id
                select new PendingNotification(notification, streamEvent))
            .Take(limit));

    /// <summary>
    /// The user's undelivered unread notifications, oldest first, at most <c>Notifications:MaxPendingOnConnect</c>,
    /// each with its stream event as of the same moment: one statement reads both.
    /// </summary>
    public async Task<IReadOnlyList<PendingNotification>> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
        return await _pendingOf(db, userId, options.Value.MaxPendingOnConnect).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Publishes the notifications again whose stream event the log lost (a version before this one
    /// trimmed such events): each gets a new event, numbered and published like any other, so it
    /// reaches the user's connections live with a <c>seq</c> of its own. The state-row lock makes two
    /// connections of the user that find the same notification at once write one event, not two.
    /// </summary>
    public async Task ReissueAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0)
        {
            return;
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<IStreamOutbox>();
            using var turn = await writeGate.EnterAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.StreamState.Where(s => s.Id == StreamState.SingletonId)
                .ExecuteUpdateAsync(s => s.SetProperty(state => state.LastSeq, state => state.LastSeq), cancellationToken);
            var ids = notifications.Select(n => (Guid?)n.Id).ToList();
            var present = await db.StreamEvents.Where(e => ids.Contains(e.NotificationId)).Select(e => e.NotificationId!.Value).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var notification in notifications.Where(n => !present.Contains(n.Id)))
            {
                NotificationEvents.Add(outbox, notification, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await publisher.AfterCommitAsync(cancellationToken);
    }
}
