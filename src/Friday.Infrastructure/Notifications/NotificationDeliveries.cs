using System.Collections.Concurrent;
using Friday.Infrastructure.Persistence;
using Friday.Infrastructure.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Friday.Infrastructure.Notifications;

/// <summary>
/// Records that notifications reached a connection, on whichever node that happened: the one that
/// published them, one that received them over the backplane or read them from the log, or a replay.
/// A notification never recorded is sent again as pending at the user's next connect. Recording costs
/// the delivery path only a queue entry; the writes are batched, and a failed write keeps its ids for
/// the next one (the stream sweep flushes every EventLog:SweepSeconds).
/// </summary>
internal sealed partial class NotificationDeliveries(IServiceScopeFactory scopes, SqliteWriteGate writeGate, TimeProvider clock, RealtimeMetrics metrics, ILogger<NotificationDeliveries> logger) : IDisposable
{
    private const int MaxBatch = 1000;
    private readonly ConcurrentQueue<Guid> _delivered = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private int _flushScheduled;

    /// <summary>Queues the mark and makes sure a write follows soon; never blocks.</summary>
    public void Delivered(Guid notificationId)
    {
        _delivered.Enqueue(notificationId);
        if (Interlocked.Exchange(ref _flushScheduled, 1) == 0)
        {
            _ = Task.Run(() => FlushAsync(CancellationToken.None), CancellationToken.None);
        }
    }

    /// <summary>Writes every mark queued so far; a failure is logged and the marks wait for the next flush.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            Volatile.Write(ref _flushScheduled, 0);
            while (!_delivered.IsEmpty)
            {
                var batch = new HashSet<Guid>();
                while (batch.Count < MaxBatch && _delivered.TryDequeue(out var id))
                {
                    batch.Add(id);
                }

                if (!await TryWriteAsync(batch, cancellationToken))
                {
                    return;
                }
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task<bool> TryWriteAsync(HashSet<Guid> batch, CancellationToken cancellationToken)
    {
        try
        {
            var ids = batch.ToList();
            var now = clock.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
            using var turn = await writeGate.EnterAsync(cancellationToken);
            // Only rows still undelivered change: a notification counts once, whichever node or connection had it first.
            var firstDeliveries = await db.Notifications.Where(n => ids.Contains(n.Id) && n.DeliveredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.DeliveredAt, now), cancellationToken);
            metrics.NotificationsDelivered(firstDeliveries);
            return true;
        }
#pragma warning disable CA1031 // Whatever the failure, the marks are kept for the next flush; cancellation still propagates.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var id in batch)
            {
                _delivered.Enqueue(id);
            }

            if (ex is OperationCanceledException)
            {
                throw;
            }

            LogWriteFailed(logger, batch.Count, ex.GetBaseException().Message);
            return false;
        }
    }

    public void Dispose() => _writing.Dispose();

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Recording {Count} notifications as delivered failed ({Error}); the next flush tries again")]
    private static partial void LogWriteFailed(ILogger logger, int count, string error);
}
