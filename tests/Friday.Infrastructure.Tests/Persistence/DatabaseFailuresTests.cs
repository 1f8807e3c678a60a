using System.Net.Sockets;
using Friday.Application.Common.Exceptions;
using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Friday.Infrastructure.Tests.Persistence;

/// <summary>
/// Which failures mean "the database cannot be reached now" (503, retry) and which are faults (500).
/// The driver exceptions are real ones, raised by really failing to reach a database.
/// </summary>
public sealed class DatabaseFailuresTests
{
    [Fact]
    public async Task PostgresRefusingConnections_ShouldBeUnavailable()
    {
        var failure = await Assert.ThrowsAsync<NpgsqlException>(() => OpenPostgresAsync(LoopbackPort.Free()));

        Assert.True(DatabaseFailures.IsUnavailable(failure));
    }

    [Fact]
    public async Task PostgresFailure_WrappedByEfAndByTheApplication_ShouldStillBeUnavailable()
    {
        var failure = await Assert.ThrowsAsync<NpgsqlException>(() => OpenPostgresAsync(LoopbackPort.Free()));

        // Npgsql's execution strategy wraps a transient failure in an InvalidOperationException.
        Assert.True(DatabaseFailures.IsUnavailable(new InvalidOperationException("likely due to a transient failure", failure)));
        Assert.True(DatabaseFailures.IsUnavailable(new DbUpdateException("saving failed", failure)));
        Assert.True(DatabaseFailures.IsUnavailable(new ServiceUnavailableException("down", failure)));
        Assert.True(DatabaseFailures.IsUnavailable(new AggregateException(new InvalidOperationException("other"), failure)));
    }

    [Fact]
    public async Task SqlServerRefusingConnections_ShouldBeUnavailable()
    {
        // Also proves the build keeps ICU on: in globalization-invariant mode SqlClient throws NotSupportedException instead.
        await using var connection = new SqlConnection($"Server=tcp:127.0.0.1,{LoopbackPort.Free()};Connect Timeout=5;Encrypt=False;User ID=friday;Password=unused");

        var failure = await Assert.ThrowsAsync<SqlException>(() => connection.OpenAsync());

        Assert.True(DatabaseFailures.IsUnavailable(new DbUpdateException("saving failed", failure)));
    }

    [Fact]
    public void SqliteFileThatCannotBeOpened_ShouldBeUnavailable()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "gone.db")};Mode=ReadWrite");

        var failure = Assert.Throws<SqliteException>(connection.Open);

        Assert.True(DatabaseFailures.IsUnavailable(failure));
    }

    [Fact]
    public void SqliteLockedByAnotherConnection_ShouldBeUnavailable()
    {
        var file = Path.Combine(Path.GetTempPath(), $"friday-busy-{Guid.NewGuid():N}.db");
        try
        {
            using var holder = OpenSqlite(file);
            Execute(holder, "CREATE TABLE t (x INTEGER); BEGIN EXCLUSIVE;");
            using var writer = OpenSqlite(file);

            var failure = Assert.Throws<SqliteException>(() => Execute(writer, "INSERT INTO t VALUES (1);"));

            Assert.True(DatabaseFailures.IsUnavailable(new DbUpdateException("saving failed", failure)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public void SqliteConstraintViolation_ShouldBeAFaultNotAnOutage()
    {
        using var connection = OpenSqlite(":memory:");
        Execute(connection, "CREATE TABLE t (x INTEGER UNIQUE); INSERT INTO t VALUES (1);");

        var failure = Assert.Throws<SqliteException>(() => Execute(connection, "INSERT INTO t VALUES (1);"));

        Assert.False(DatabaseFailures.IsUnavailable(new DbUpdateException("saving failed", failure)));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.AdminShutdown, true)]
    [InlineData(PostgresErrorCodes.CannotConnectNow, true)]
    [InlineData(PostgresErrorCodes.ConnectionFailure, true)]
    [InlineData(PostgresErrorCodes.TooManyConnections, true)]
    [InlineData(PostgresErrorCodes.IoError, true)]
    [InlineData(PostgresErrorCodes.UniqueViolation, false)]
    [InlineData(PostgresErrorCodes.SerializationFailure, false)]
    [InlineData(PostgresErrorCodes.DeadlockDetected, false)]
    [InlineData(PostgresErrorCodes.UndefinedTable, false)]
    public void PostgresServerError_ShouldBeUnavailableOnlyWhenTheServerCannotServe(string sqlState, bool unavailable)
    {
        var failure = new PostgresException("server says no", "FATAL", "FATAL", sqlState);

        Assert.Equal(unavailable, DatabaseFailures.IsUnavailable(new DbUpdateException("saving failed", failure)));
    }

    [Fact]
    public void RetryLimitExceeded_ShouldBeUnavailable() =>
        Assert.True(DatabaseFailures.IsUnavailable(new RetryLimitExceededException("gave up", new TimeoutException())));

    [Fact]
    public void FailuresOutsideTheDatabase_ShouldNotBeUnavailable()
    {
        Assert.False(DatabaseFailures.IsUnavailable(null));
        Assert.False(DatabaseFailures.IsUnavailable(new InvalidOperationException("a bug")));
        Assert.False(DatabaseFailures.IsUnavailable(new TimeoutException("some other dependency")));
        Assert.False(DatabaseFailures.IsUnavailable(new SocketException((int)SocketError.ConnectionRefused)));
    }

    private static async Task OpenPostgresAsync(int port)
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=nobody;Password=secret;Database=none;Timeout=5");
        await connection.OpenAsync();
    }

    /// <summary>Waits one second for a lock (0 would mean forever): the test wants the busy failure, not a 30 s wait.</summary>
    private static SqliteConnection OpenSqlite(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Default Timeout=1;Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
