using Microsoft.Data.SqlClient;

namespace Friday.Tests.Support;

/// <summary>
/// The SQL Server named by <c>FRIDAY_TEST_SQLSERVER</c>, and throw-away databases on it so that tests
/// never see each other's rows. Nothing starts one here: there is no Debian package and no container
/// engine, so these tests run only where such a server is given.
/// </summary>
public static class TestSqlServer
{
    public const string SkipReason = "FRIDAY_TEST_SQLSERVER is not set (a SqlClient connection string for a login that may create databases; no SQL Server runs on this machine)";

    /// <summary>Case-sensitive, as Friday requires of a SQL Server database (docs/deployment.md).</summary>
    public const string Collation = "Latin1_General_100_CS_AS_SC_UTF8";

    public static string? ConnectionString { get; } =
        Environment.GetEnvironmentVariable("FRIDAY_TEST_SQLSERVER") is { Length: > 0 } value ? value : null;

    /// <summary>Creates an empty database with a random name; returns its connection string.</summary>
    public static string CreateDatabase(string collation = Collation)
    {
        var name = $"friday_test_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE [{name}] COLLATE {collation}");
        return new SqlConnectionStringBuilder(Server) { InitialCatalog = name }.ConnectionString;
    }

    /// <summary>Drops the database even while pooled connections of the server under test still use it.</summary>
    public static void DropDatabase(string connectionString)
    {
        using (var pooled = new SqlConnection(connectionString))
        {
            SqlConnection.ClearPool(pooled);
        }

        var name = new SqlConnectionStringBuilder(connectionString).InitialCatalog;
        Execute($"IF DB_ID(N'{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END");
    }

    private static string Server =>
        ConnectionString ?? throw new InvalidOperationException(SkipReason);

    private static void Execute(string sql)
    {
        using var connection = new SqlConnection(Server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
