using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Friday.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings. With the write-ahead log (set once per file by
/// <see cref="DatabaseMigrator"/>) a commit appends to the log instead of rewriting pages and
/// readers no longer block the writer; <c>synchronous=NORMAL</c> syncs the log at checkpoints
/// rather than on every commit, which survives a process crash (SIGKILL) but may lose the last
/// commits on power loss. <c>busy_timeout</c> lets SQLite itself wait for the write lock in
/// millisecond steps instead of failing at once, where Microsoft.Data.Sqlite would sleep 150 ms
/// between retries.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    public static SqlitePragmas Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection sqlite)
        {
            await using var command = sqlite.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
