using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.Infrastructure.Tests.Persistence;

/// <summary>
/// On a real SQL Server (FRIDAY_TEST_SQLSERVER): the schema the provider-neutral migrations build there
/// must be the one EnsureCreated builds from the model. Skipped, with the reason, where none is given.
/// </summary>
public sealed class SqlServerSchemaTests
{
    [SqlServerFact]
    public async Task MigrateAsync_OnSqlServer_ShouldBuildTheSameSchemaAsEnsureCreated()
    {
        var migrated = await SchemaAsync(db => db.Database.MigrateAsync());
        var created = await SchemaAsync(db => db.Database.EnsureCreatedAsync());

        Assert.Equal(string.Join('\n', created), string.Join('\n', migrated));
    }

    [SqlServerFact]
    public async Task MigrateAsync_OnSqlServer_ShouldStoreKeysAsUniqueidentifierAndTimestampsAsDatetime2()
    {
        var migrated = await SchemaAsync(db => db.Database.MigrateAsync());

        Assert.Contains("column notes.Id uniqueidentifier NOT NULL", migrated);
        Assert.Contains("column notes.Title nvarchar(200) NOT NULL", migrated);
        Assert.Contains("column notes.UpdatedAt datetime2 NOT NULL", migrated);
        Assert.Contains("column tasks.DueAt datetime2 NULL", migrated);
        Assert.Contains("index stream_events.IX_stream_events_Seq unique ([Seq] IS NOT NULL) Seq", migrated);
    }

    [SqlServerFact]
    public async Task SchemaComparison_WhenAnIndexIsMissing_ShouldDetectIt()
    {
        var created = await SchemaAsync(db => db.Database.EnsureCreatedAsync());
        var drifted = await SchemaAsync(async db =>
        {
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("DROP INDEX [IX_tasks_DueAt] ON [tasks]");
        });

        Assert.NotEqual(created, drifted);
    }

    /// <summary>Builds the schema in a database of its own, reads it back, and drops the database.</summary>
    private static async Task<List<string>> SchemaAsync(Func<FridayDbContext, Task> build)
    {
        var connectionString = TestSqlServer.CreateDatabase();
        try
        {
            var options = new DbContextOptionsBuilder<FridayDbContext>()
                .UseSqlServer(connectionString)
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
                .Options;
            await using (var db = new FridayDbContext(options, new ServiceCollection().BuildServiceProvider()))
            {
                await build(db);
            }

            await using var connection = new SqlConnection(connectionString);
            await connection.OpenAsync();
            var columns = await QueryAsync(
                connection,
                """
                SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE, COLUMN_DEFAULT
                FROM INFORMATION_SCHEMA.COLUMNS
                WHERE TABLE_SCHEMA = 'dbo' AND TABLE_NAME <> '__EFMigrationsHistory'
                """,
                r => $"column {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}{(r.IsDBNull(3) ? string.Empty : $"({r.GetInt32(3)})")}"
                    + $" {(r.GetString(4) == "YES" ? "NULL" : "NOT NULL")}{(r.IsDBNull(5) ? string.Empty : $" DEFAULT {r.GetString(5)}")}");

            var indexes = await QueryAsync(
                connection,
                """
                SELECT t.name, i.name, i.is_unique, ISNULL(i.filter_definition, ''),
                       STRING_AGG(c.name, ',') WITHIN GROUP (ORDER BY ic.key_ordinal)
                FROM sys.indexes AS i
                JOIN sys.tables AS t ON t.object_id = i.object_id
                JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
                JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
                WHERE t.name <> '__EFMigrationsHistory' AND i.type > 0
                GROUP BY t.name, i.name, i.is_unique, i.filter_definition
                """,
                r => $"index {r.GetString(0)}.{r.GetString(1)}{(r.GetBoolean(2) ? " unique" : string.Empty)}{(r.GetString(3).Length == 0 ? string.Empty : $" {r.GetString(3)}")} {r.GetString(4)}");

            return [.. columns.Concat(indexes).Order(StringComparer.Ordinal)];
        }
        finally
        {
            TestSqlServer.DropDatabase(connectionString);
        }
    }

    private static async Task<List<string>> QueryAsync(SqlConnection connection, string sql, Func<SqlDataReader, string> read)
    {
        await using var command = new SqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
