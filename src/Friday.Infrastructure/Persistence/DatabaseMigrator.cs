using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Persistence;

/// <summary>
/// Brings the schema up to date before the server accepts requests (<c>Database:MigrateOnStart</c>),
/// and refuses to start on a database Friday cannot use.
/// </summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var database = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
        if (database.MigrateOnStart)
        {
            await MigrateAsync(db, database, cancellationToken);
        }

        if (database.Provider == DatabaseProvider.SqlServer)
        {
            // After migrating, which creates a missing database with the server's default collation.
            await SqlServerCollation.RequireCaseSensitiveAsync(db, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task MigrateAsync(FridayDbContext db, DatabaseOptions database, CancellationToken cancellationToken)
    {
        var sqlite = database.Provider == DatabaseProvider.Sqlite;
        if (sqlite)
        {
            CreateSqliteDirectory(database.ConnectionString);
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (sqlite)
        {
            // Kept in the file: every later connection uses the write-ahead log (see SqlitePragmas).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    private static void CreateSqliteDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory) && dataSource != ":memory:")
        {
            Directory.CreateDirectory(directory);
        }
    }
}
