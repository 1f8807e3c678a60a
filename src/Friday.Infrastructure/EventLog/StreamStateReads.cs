using Friday.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Friday.Infrastructure.EventLog;

/// <summary>Reads of the one <see cref="StreamState"/> row, tracking nothing.</summary>
internal static class StreamStateReads
{
    public static IQueryable<StreamState> StreamStateRow(this FridayDbContext db) =>
        db.StreamState.AsNoTracking().Where(s => s.Id == StreamState.SingletonId);

    /// <summary>The newest <c>seq</c> issued, on any node.</summary>
    public static Task<long> LastSeqAsync(this FridayDbContext db, CancellationToken cancellationToken) =>
        db.StreamStateRow().Select(s => s.LastSeq).SingleAsync(cancellationToken);
}
