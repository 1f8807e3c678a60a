using Friday.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.EventLog;

/// <summary>The event log's read side: what a resuming connection is entitled to since a <c>seq</c>.</summary>
internal sealed class StreamHistory(IServiceScopeFactory scopes, IOptions<EventLogOptions> options)
{
    private const int BatchSize = 500;

    /// <summary>
    /// The user's own events on the given topics and the public events of the given topics, with
    /// <c>seq</c> greater than <paramref name="afterSeq"/>, in order, up to the newest <c>seq</c> issued
    /// when the read began. Complete when the replay limit was not reached and nothing in that range
    /// had been trimmed when the rows were read: the trim mark is read after them, and it is stored in
    /// the transaction that deletes, so a trim running meanwhile makes the answer incomplete, never wrong.
    /// A user's notification that has been read comes with its <c>read_at</c> (<see cref="NotificationReadState"/>).
    /// </summary>
    public async Task<ReplayResult> ReadAsync(long afterSeq, string? userId, IReadOnlyCollection<string> topics, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
        var last = await db.LastSeqAsync(cancellationToken);

        var events = new List<StreamEvent>();
        var topicList = topics.ToList();
        var cursor = afterSeq;
        while (true)
        {
            var batch = await db.StreamEvents.AsNoTracking()
                .Where(e => e.Seq > cursor && e.Seq <= last)
                .Where(e => (e.UserId == null && topicList.Contains(e.Topic))
                    || (userId != null && e.UserId == userId && (topicList.Contains(e.Topic) || (e.InstanceTopic != null && topicList.Contains(e.InstanceTopic)))))
                .OrderBy(e => e.Seq)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            await NotificationReadState.ApplyAsync(db, batch, cancellationToken);
            events.AddRange(batch);
            if (events.Count >= options.Value.MaxReplay)
            {
                return new ReplayResult(events[..options.Value.MaxReplay], last, Complete: false);
            }

            if (batch.Count < BatchSize)
            {
                break;
            }

            cursor = batch[^1].Seq!.Value;
        }

        var trimmedThrough = await db.StreamStateRow().Select(s => s.TrimmedThrough).SingleAsync(cancellationToken);
        return new ReplayResult(events, last, Complete: afterSeq >= Math.Min(trimmedThrough, last));
    }

    /// <summary>Every event with <c>seq</c> between the two bounds (exclusive), whoever it is for, in order.</summary>
    public async Task<List<StreamEvent>> ReadRangeAsync(long afterSeq, long beforeSeq, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
        return await db.StreamEvents.AsNoTracking()
            .Where(e => e.Seq > afterSeq && e.Seq < beforeSeq)
            .OrderBy(e => e.Seq)
            .ToListAsync(cancellationToken);
    }
}
