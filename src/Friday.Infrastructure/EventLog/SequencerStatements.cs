using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Friday.Infrastructure.EventLog;

/// <summary>
/// The three statements of one sequencer run (docs/decisions/0003) in the dialect of the provider:
/// lock the state row and read <c>LastSeq</c>; number every unsequenced row in write order and return
/// what the publisher needs; store the new <c>LastSeq</c>. Each takes <c>@last</c> where it needs it.
/// </summary>
internal sealed record SequencerStatements(string LockState, string NumberPending, string StoreLast)
{
    private const string StoreLastSql = """UPDATE stream_state SET "LastSeq" = @last WHERE "Id" = 1;""";

    private const string Ranked = """
        SELECT "Id" AS id, row_number() OVER (ORDER BY "CreatedAt", "Ordinal", "Id") AS n
        FROM stream_events WHERE "Seq" IS NULL
        """;

    /// <summary>SQLite (3.35 and later) and PostgreSQL: <c>UPDATE … FROM … RETURNING</c>.</summary>
    public static SequencerStatements Portable { get; } = new(
        """UPDATE stream_state SET "LastSeq" = "LastSeq" WHERE "Id" = 1 RETURNING "LastSeq";""",
        $"""
        UPDATE stream_events SET "Seq" = @last + ranked.n
        FROM ({Ranked}) AS ranked
        WHERE stream_events."Id" = ranked.id
        RETURNING stream_events."Seq", stream_events."UserId", stream_events."Topic", stream_events."InstanceTopic",
                  stream_events."NotificationType", stream_events."NotificationId", stream_events."Payload";
        """,
        StoreLastSql);

    /// <summary>
    /// SQL Server has no <c>RETURNING</c>: <c>OUTPUT inserted.…</c> returns the numbered rows. The lock is
    /// an update lock held to the end of the transaction (<c>UPDLOCK, HOLDLOCK</c>), which a second
    /// sequencer's identical read waits for. Double-quoted names need <c>QUOTED_IDENTIFIER ON</c>,
    /// which is SqlClient's default.
    /// </summary>
    public static SequencerStatements SqlServer { get; } = new(
        """SELECT "LastSeq" FROM stream_state WITH (UPDLOCK, HOLDLOCK) WHERE "Id" = 1;""",
        $"""
        UPDATE e SET "Seq" = @last + ranked.n
        OUTPUT inserted."Seq", inserted."UserId", inserted."Topic", inserted."InstanceTopic",
               inserted."NotificationType", inserted."NotificationId", inserted."Payload"
        FROM stream_events AS e
        JOIN ({Ranked}) AS ranked ON e."Id" = ranked.id;
        """,
        StoreLastSql);

    public static SequencerStatements For(DatabaseFacade database) => database.IsSqlServer() ? SqlServer : Portable;
}
