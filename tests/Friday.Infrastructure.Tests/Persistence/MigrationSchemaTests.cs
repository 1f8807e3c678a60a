using Friday.Infrastructure.Persistence;
using Friday.Infrastructure.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Friday.Infrastructure.Tests.Persistence;

/// <summary>
/// The migrations are written by hand (DESIGN.md, Persistence): the schema they build must be the one
/// the model describes, so a model change without its migration fails here.
/// </summary>
public sealed class MigrationSchemaTests
{
    [Fact]
    public async Task MigrateAsync_ShouldBuildTheSameSchemaAsEnsureCreated()
    {
        var migrated = await SchemaAsync(db => db.Database.MigrateAsync());
        var created = await SchemaAsync(db => db.Database.EnsureCreatedAsync());

        Assert.Equal(created.Keys.Order(StringComparer.Ordinal), migrated.Keys.Order(StringComparer.Ordinal));
        foreach (var (table, expected) in created)
        {
            Assert.True(expected.Equals(migrated[table]), $"Table '{table}' differs.\nEnsureCreated:\n{expected}\nMigrations:\n{migrated[table]}");
        }
    }

    [Fact]
    public async Task MigrateAsync_ShouldCreateEveryTableOfTheModel()
    {
        var migrated = await SchemaAsync(db => db.Database.MigrateAsync());

        Assert.Subset(migrated.Keys.ToHashSet(StringComparer.Ordinal), new HashSet<string>(["activities", "notes", "notifications", "tasks"], StringComparer.Ordinal));
        Assert.Contains(migrated["tasks"].Columns, c => c is { Name: "CompletedAt", NotNull: false });
        Assert.Contains(migrated["notes"].Indexes, i => i.Name == "IX_notes_OwnerId_UpdatedAt" && i.Columns == "OwnerId,UpdatedAt");
    }

    [Theory]
    [InlineData("drop index IX_tasks_DueAt")]
    [InlineData("alter table notes add column Extra TEXT NULL")]
    [InlineData("create unique index IX_activities_Action on activities (Action)")]
    public async Task SchemaComparison_WhenTheSchemaDriftsFromTheModel_ShouldDetectIt(string drift)
    {
        var created = await SchemaAsync(db => db.Database.EnsureCreatedAsync());
        var drifted = await SchemaAsync(async db =>
        {
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync(drift);
        });

        Assert.Contains(created.Keys, table => !created[table].Equals(drifted[table]));
    }

    [Fact]
    public async Task MigrateAsync_WhenRunTwice_ShouldBeANoOp()
    {
        await using var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();
        await using (var first = CreateContext(connection))
        {
            await first.Database.MigrateAsync();
        }

        await using var second = CreateContext(connection);
        await second.Database.MigrateAsync();

        Assert.Empty(await second.Database.GetPendingMigrationsAsync());
        Assert.Equal(second.Database.GetMigrations(), await second.Database.GetAppliedMigrationsAsync());
    }

    private static FridayDbContext CreateContext(SqliteConnection connection) => TestContexts.Create(options => options.UseSqlite(connection));

    private static async Task<Dictionary<string, TableSchema>> SchemaAsync(Func<FridayDbContext, Task> build)
    {
        await using var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();
        await using (var db = CreateContext(connection))
        {
            await build(db);
        }

        // EF bookkeeping (history, and the SQLite migration lock of EF 9+) is not part of the model.
        var tables = await QueryAsync(connection, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not in ('__EFMigrationsHistory', '__EFMigrationsLock')", r => r.GetString(0));
        var schema = new Dictionary<string, TableSchema>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var columns = await QueryAsync(connection, $"pragma table_info('{table}')", r => new ColumnSchema(r.GetString(1), r.GetString(2), r.GetInt64(3) != 0, r.GetInt64(5)));
            var indexes = new List<IndexSchema>();
            foreach (var (name, unique) in await QueryAsync(connection, $"pragma index_list('{table}')", r => (r.GetString(1), r.GetInt64(2) != 0)))
            {
                var indexColumns = await QueryAsync(connection, $"pragma index_info('{name}')", r => (Seq: r.GetInt64(0), Name: r.IsDBNull(2) ? "<expr>" : r.GetString(2)));
                indexes.Add(new IndexSchema(name, unique, string.Join(',', indexColumns.OrderBy(c => c.Seq).Select(c => c.Name))));
            }

            schema[table] = new TableSchema(
                [.. columns.OrderBy(c => c.Name, StringComparer.Ordinal)],
                [.. indexes.OrderBy(i => i.Name, StringComparer.Ordinal)]);
        }

        return schema;
    }

    private static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private sealed record ColumnSchema(string Name, string Type, bool NotNull, long PrimaryKeyPosition);

    private sealed record IndexSchema(string Name, bool Unique, string Columns);

    private sealed record TableSchema(IReadOnlyList<ColumnSchema> Columns, IReadOnlyList<IndexSchema> Indexes)
    {
        public bool Equals(TableSchema? other) =>
            other is not null && Columns.SequenceEqual(other.Columns) && Indexes.SequenceEqual(other.Indexes);

        public override int GetHashCode() => HashCode.Combine(Columns.Count, Indexes.Count);

        public override string ToString() =>
            string.Join('\n', Columns.Select(c => $"  column {c}").Concat(Indexes.Select(i => $"  index {i}")));
    }
}
