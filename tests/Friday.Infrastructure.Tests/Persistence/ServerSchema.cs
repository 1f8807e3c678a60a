using System.Data.Common;
using Friday.Infrastructure.Persistence;
using Friday.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Friday.Infrastructure.Tests.Persistence;

/// <summary>
/// The schema a build leaves in a throw-away database on a real server, read back as one line per
/// column and index, sorted, so that what the migrations build and what EnsureCreated builds compare
/// line by line. Each provider says how to reach its server and how to list its indexes.
/// </summary>
internal abstract class ServerSchema
{
    /// <summary>Builds the schema in a database of its own, reads it back, and drops the database.</summary>
    public async Task<List<string>> ReadAsync(Func<FridayDbContext, Task> build)
    {
        var connectionString = CreateDatabase();
        try
        {
            await using (var db = TestContexts.Create(options => UseProvider(options, connectionString)))
            {
                await build(db);
            }

            await using var connection = Connect(connectionString);
            await connection.OpenAsync();
            var columns = await QueryAsync(
                connection,
                ColumnsSql,
                r => $"column {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}{(r.IsDBNull(3) ? string.Empty : $"({r.GetInt32(3)})")}"
                    + $" {(r.GetString(4) == "YES" ? "NULL" : "NOT NULL")}{(r.IsDBNull(5) ? string.Empty : $" DEFAULT {r.GetString(5)}")}");
            var indexes = await QueryAsync(connection, IndexesSql, DescribeIndex);

            return [.. columns.Concat(indexes).Order(StringComparer.Ordinal)];
        }
        finally
        {
            DropDatabase(connectionString);
        }
    }

    /// <summary>Table, column, data type, maximum length, nullable ("YES"/"NO") and default of every column but EF's history.</summary>
    protected abstract string ColumnsSql { get; }

    /// <summary>Every index but those of EF's history, one row each, read by <see cref="DescribeIndex"/>.</summary>
    protected abstract string IndexesSql { get; }

    protected abstract string CreateDatabase();

    protected abstract void DropDatabase(string connectionString);

    protected abstract void UseProvider(DbContextOptionsBuilder<FridayDbContext> options, string connectionString);

    protected abstract DbConnection Connect(string connectionString);

    protected abstract string DescribeIndex(DbDataReader row);

    private static async Task<List<string>> QueryAsync(DbConnection connection, string sql, Func<DbDataReader, string> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
