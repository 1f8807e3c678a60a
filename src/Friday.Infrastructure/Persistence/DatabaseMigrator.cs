using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Persistence;

/// <summary>Brings the schema up to date before the server accepts requests, on a database Friday can use.</summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var provider = options.Value.Provider;
        if (!options.Value.MigrateOnStart && provider != DatabaseProvider.SqlServer)
        {
            return;
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            CreateSqliteDirectory(options.Value.ConnectionString);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
        if (options.Value.MigrateOnStart)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            // Kept in the file: every later connection uses the write-ahead log (see SqlitePragmas).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        else if (provider == DatabaseProvider.SqlServer)
        {
            // After migrating, which creates a missing database with the server's default collation.
            await SqlServerCollation.RequireCaseSensitiveAsync(db, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
