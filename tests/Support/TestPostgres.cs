using Npgsql;

namespace Friday.Tests.Support;

/// <summary>
/// The PostgreSQL server named by <c>FRIDAY_TEST_POSTGRES</c> (scripts/postgres-start.sh), and throw-away
/// databases on it so that tests never see each other's rows.
/// </summary>
public static class TestPostgres
{
    public const string SkipReason = "FRIDAY_TEST_POSTGRES is not set (scripts/test.sh starts a PostgreSQL and sets it)";

    public static string? ConnectionString { get; } =
        Environment.GetEnvironmentVariable("FRIDAY_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    /// <summary>Creates an empty database with a random name; returns its connection string.</summary>
    public static string CreateDatabase()
    {
        var name = $"friday_test_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database even while pooled connections of the server under test still use it.</summary>
    public static void DropDatabase(string connectionString)
    {
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (attempt < DropAttempts && e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                // FORCE refuses to terminate a backend of a role we are not a member of; the one seen
                // (once, in a scale-out test's clean-up) was most likely an autovacuum worker, which
                // carries no role and is done within moments.
                Thread.Sleep(200);
            }
        }
    }

    private const int DropAttempts = 25;

    private static string Server =>
        ConnectionString ?? throw new InvalidOperationException(SkipReason);

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
