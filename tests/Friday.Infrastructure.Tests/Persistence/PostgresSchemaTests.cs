using System.Data.Common;
using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Friday.Infrastructure.Tests.Persistence;

/// <summary>
/// The hand-written migrations declare no store types (DESIGN.md, Persistence), so PostgreSQL picks them
/// from its own mappings: the schema they build there must be the one EnsureCreated builds from the model.
/// </summary>
public sealed class PostgresSchemaTests
{
    [PostgresFact]
    public async Task MigrateAsync_OnPostgres_ShouldBuildTheSameSchemaAsEnsureCreated()
    {
        var migrated = await SchemaAsync(db => db.Database.MigrateAsync());
        var created = await SchemaAsync(db => db.Database.EnsureCreatedAsync());

        Assert.Equal(string.Join('\n', created), string.Join('\n', migrated));
    }

    [PostgresFact]
    public async Task MigrateAsync_OnPostgres_ShouldStoreKeysAsUuidAndTimestampsWithTimeZone()
    {
        var migrated = await SchemaAsync(db => db.Database.MigrateAsync());

        Assert.Contains("column notes.Id uuid NOT NULL", migrated);
        Assert.Contains("column notes.Title character varying(200) NOT NULL", migrated);
        Assert.Contains("column notes.UpdatedAt timestamp with time zone NOT NULL", migrated);
        Assert.Contains("column tasks.DueAt timestamp with time zone NULL", migrated);
        Assert.Contains("column notes.Version bigint NOT NULL", migrated);
    }

    [PostgresFact]
    public async Task SchemaComparison_WhenAnIndexIsMissing_ShouldDetectIt()
    {
        var created = await SchemaAsync(db => db.Database.EnsureCreatedAsync());
        var drifted = await SchemaAsync(async db =>
        {
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_tasks_DueAt\"");
        });

        Assert.NotEqual(created, drifted);
    }

    private static Task<List<string>> SchemaAsync(Func<FridayDbContext, Task> build) => new Postgres().ReadAsync(build);

    private sealed class Postgres : ServerSchema
    {
        protected override string ColumnsSql => """
            SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            """;

        // The definition names the schema, not the database, so two databases compare as they are.
        protected override string IndexesSql =>
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'";

        protected override string CreateDatabase() => TestPostgres.CreateDatabase();

        protected override void DropDatabase(string connectionString) => TestPostgres.DropDatabase(connectionString);

        protected override void UseProvider(DbContextOptionsBuilder<FridayDbContext> options, string connectionString) => options.UseNpgsql(connectionString);

        protected override DbConnection Connect(string connectionString) => new NpgsqlConnection(connectionString);

        protected override string DescribeIndex(DbDataReader row) => $"index {row.GetString(0)}.{row.GetString(1)} {row.GetString(2)}";
    }
}
