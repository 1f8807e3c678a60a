using System.Data.Common;
using Friday.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Friday.Infrastructure.EventLog;

/// <summary>
/// One sequencer transaction (docs/decisions/0003) in three statements (<see cref="SequencerStatements"/>).
/// The numbering is one statement, so the rows returned are exactly the rows numbered even when
/// writers commit meanwhile. Plain SQL: no entities are loaded or tracked.
/// </summary>
internal static class StreamSequencer
{
    /// <summary>Numbers and returns every committed, unsequenced event, in <c>seq</c> order.</summary>
    public static async Task<List<StreamEvent>> SequenceAsync(FridayDbContext db, CancellationToken cancellationToken)
    {
        var sql = SequencerStatements.For(db.Database);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();

        // Taking the state row's write lock first makes every other sequencer wait for this commit.
        long last;
        await using (var lockState = Command(connection, transaction, sql.LockState))
        {
            last = Convert.ToInt64(await lockState.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        var numbered = new List<StreamEvent>();
        await using (var number = Command(connection, transaction, sql.NumberPending, last))
        await using (var reader = await number.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                numbered.Add(Read(reader));
            }
        }

        if (numbered.Count > 0)
        {
            await using var storeLast = Command(connection, transaction, sql.StoreLast, last + numbered.Count);
            await storeLast.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        // Neither RETURNING nor OUTPUT gives an order.
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
