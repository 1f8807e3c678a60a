using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>Builds the schema in a database of its own, reads it back, and drops the database.</summary>
    private static async Task<List<string>> SchemaAsync(Func<FridayDbContext, Task> build)
    {
        var connectionString = TestPostgres.CreateDatabase();
        try
        {
            var options = new DbContextOptionsBuilder<FridayDbContext>()
                .UseNpgsql(connectionString)
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
                .Options;
            await using (var db = new FridayDbContext(options, new ServiceCollection().BuildServiceProvider()))
            {
                await build(db);
            }

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var columns = await QueryAsync(
                connection,
                """
                SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default
                FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
                """,
                r => $"column {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}{(r.IsDBNull(3) ? string.Empty : $"({r.GetInt32(3)})")}"
                    + $" {(r.GetString(4) == "YES" ? "NULL" : "NOT NULL")}{(r.IsDBNull(5) ? string.Empty : $" DEFAULT {r.GetString(5)}")}");

            // The definition names the schema, not the database, so two databases compare as they are.
            var indexes = await QueryAsync(
                connection,
                "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'",
                r => $"index {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}");

            return [.. columns.Concat(indexes).Order(StringComparer.Ordinal)];
        }
        finally
        {
            TestPostgres.DropDatabase(connectionString);
        }
    }

    private static async Task<List<string>> QueryAsync(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, string> read)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
