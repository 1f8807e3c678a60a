using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Friday.Infrastructure.Persistence;

/// <summary>
/// Tells a database that cannot be reached right now (down, restarting, cut off, locked by someone
/// else) from a fault in the request or the code. Only the first kind is worth a retry, so only it
/// becomes 503 and a warning; anything else stays a 500 and an error. The driver's exception may sit
/// anywhere in the chain: EF wraps it in <see cref="Microsoft.EntityFrameworkCore.DbUpdateException"/>,
/// its execution strategy in an <see cref="InvalidOperationException"/>, this application in a
/// <see cref="Friday.Application.Common.Exceptions.ServiceUnavailableException"/>.
/// </summary>
public static class DatabaseFailures
{
    // Primary SQLite result codes: the file cannot be opened or read, or another connection holds the lock past busy_timeout.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteCantOpen = 14;

    public static bool IsUnavailable(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(IsUnavailable);
            }

            if (IsUnavailableHere(current))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnavailableHere(Exception exception) => exception switch
    {
        // An execution strategy that retries (EnableRetryOnFailure, where a provider is set up with one)
        // only gives up after transient failures, so the database is still unreachable.
        RetryLimitExceededException => true,
        PostgresException postgres => IsServerGoingAway(postgres.SqlState),
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteIoError or SqliteCantOpen,
        // Npgsql's own failures (refused, reset, end of stream, timeout) are transient; a driver that
        // does not say so still counts when the network or a timeout is underneath.
        DbException db => db.IsTransient || db.InnerException is SocketException or IOException or TimeoutException,
        _ => false,
    };

    /// <summary>
    /// The server answered, but says it cannot serve: 08 connection exception, 53 insufficient
    /// resources (too many connections, disk full), 57P01–57P03 shutting down or starting up,
    /// 58 system error (I/O). Serialization failures and deadlocks are transient too, but they are
    /// conflicts between requests, not an outage, and stay out.
    /// </summary>
    private static bool IsServerGoingAway(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState.StartsWith("58", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow;
}
