using System.Data.Common;
using Friday.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Friday.Infrastructure.EventLog;

/// <summary>
/// One sequencer transaction (docs/decisions/0003) in three statements: lock the state row and read
/// <c>LastSeq</c>; number every unsequenced row in write order and return what the publisher needs;
/// store the new <c>LastSeq</c>. The numbering is one statement, so the rows returned are exactly the
/// rows numbered even when writers commit meanwhile. Plain SQL that SQLite (3.35 and later) and
/// PostgreSQL both run: no entities are loaded or tracked.
/// </summary>
internal static class StreamSequencer
{
    private const string LockState = """UPDATE stream_state SET "LastSeq" = "LastSeq" WHERE "Id" = 1 RETURNING "LastSeq";""";

    private const string NumberPending = """
        UPDATE stream_events SET "Seq" = @last + ranked.n
        FROM (SELECT "Id" AS id, row_number() OVER (ORDER BY "CreatedAt", "Ordinal", "Id") AS n
              FROM stream_events WHERE "Seq" IS NULL) AS ranked
        WHERE stream_events."Id" = ranked.id
        RETURNING stream_events."Seq", stream_events."UserId", stream_events."Topic", stream_events."InstanceTopic",
                  stream_events."NotificationType", stream_events."NotificationId", stream_events."Payload";
        """;

    private const string StoreLast = """UPDATE stream_state SET "LastSeq" = @last WHERE "Id" = 1;""";

    /// <summary>Numbers and returns every committed, unsequenced event, in <c>seq</c> order.</summary>
    public static async Task<List<StreamEvent>> SequenceAsync(FridayDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();

        // Taking the state row's write lock first makes every other sequencer wait for this commit.
        long last;
        await using (var lockState = Command(connection, transaction, LockState))
        {
            last = Convert.ToInt64(await lockState.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        var numbered = new List<StreamEvent>();
        await using (var number = Command(connection, transaction, NumberPending, last))
        await using (var reader = await number.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                numbered.Add(Read(reader));
            }
        }

        if (numbered.Count > 0)
        {
            await using var storeLast = Command(connection, transaction, StoreLast, last + numbered.Count);
            await storeLast.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        // RETURNING gives no order.
        numbered.Sort((a, b) => a.Seq!.Value.CompareTo(b.Seq!.Value));
        return numbered;
    }

    private static DbCommand Command(DbConnection connection, IDbContextTransaction transaction, string sql, long? last = null)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = sql;
        if (last is { } value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@last";
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static StreamEvent Read(DbDataReader reader) => new()
    {
        Seq = reader.GetInt64(0),
        UserId = reader.IsDBNull(1) ? null : reader.GetString(1),
        Topic = reader.GetString(2),
        InstanceTopic = reader.IsDBNull(3) ? null : reader.GetString(3),
        NotificationType = reader.IsDBNull(4) ? null : reader.GetString(4),
        NotificationId = reader.IsDBNull(5) ? null : reader.GetGuid(5),
        Payload = reader.GetString(6),
    };
}
