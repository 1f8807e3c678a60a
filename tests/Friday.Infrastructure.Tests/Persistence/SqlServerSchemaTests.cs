using System.Data.Common;
using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

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

    private static Task<List<string>> SchemaAsync(Func<FridayDbContext, Task> build) => new SqlServer().ReadAsync(build);

    private sealed class SqlServer : ServerSchema
    {
        protected override string ColumnsSql => """
            SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE, COLUMN_DEFAULT
            FROM INFORMATION_SCHEMA.COLUMNS
            WHERE TABLE_SCHEMA = 'dbo' AND TABLE_NAME <> '__EFMigrationsHistory'
            """;

        protected override string IndexesSql => """
            SELECT t.name, i.name, i.is_unique, ISNULL(i.filter_definition, ''),
                   STRING_AGG(c.name, ',') WITHIN GROUP (ORDER BY ic.key_ordinal)
            FROM sys.indexes AS i
            JOIN sys.tables AS t ON t.object_id = i.object_id
            JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
            JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
            WHERE t.name <> '__EFMigrationsHistory' AND i.type > 0
            GROUP BY t.name, i.name, i.is_unique, i.filter_definition
            """;

        protected override string CreateDatabase() => TestSqlServer.CreateDatabase();

        protected override void DropDatabase(string connectionString) => TestSqlServer.DropDatabase(connectionString);

        protected override void UseProvider(DbContextOptionsBuilder<FridayDbContext> options, string connectionString) => options.UseSqlServer(connectionString);

        protected override DbConnection Connect(string connectionString) => new SqlConnection(connectionString);

        protected override string DescribeIndex(DbDataReader row) =>
            $"index {row.GetString(0)}.{row.GetString(1)}{(row.GetBoolean(2) ? " unique" : string.Empty)}{(row.GetString(3).Length == 0 ? string.Empty : $" {row.GetString(3)}")} {row.GetString(4)}";
    }
}
