using Microsoft.EntityFrameworkCore;

namespace Friday.Infrastructure.Persistence;

/// <summary>
/// SQL Server compares text by the database's collation, and its usual defaults ignore case. User
/// ids, topics and owners are compared with <c>=</c>, so under such a collation the users
/// <c>alice</c> and <c>Alice</c> would share notes and notifications, where SQLite and PostgreSQL
/// keep them apart. A node therefore refuses to start on a case-insensitive database.
/// </summary>
public static class SqlServerCollation
{
    /// <summary>Case-sensitive (<c>_CS</c>) and binary (<c>_BIN</c>, <c>_BIN2</c>) collations tell <c>a</c> from <c>A</c>.</summary>
    public static bool IsCaseSensitive(string collation)
    {
        ArgumentNullException.ThrowIfNull(collation);
        return collation.Contains("_CS", StringComparison.OrdinalIgnoreCase) || collation.Contains("_BIN", StringComparison.OrdinalIgnoreCase);
    }

    internal static async Task RequireCaseSensitiveAsync(FridayDbContext db, CancellationToken cancellationToken)
    {
        var collation = await db.Database
            .SqlQueryRaw<string>("SELECT CONVERT(nvarchar(128), DATABASEPROPERTYEX(DB_NAME(), 'Collation')) AS [Value]")
            .SingleAsync(cancellationToken);
        if (!IsCaseSensitive(collation))
        {
            throw new InvalidOperationException(
                $"The SQL Server database uses the case-insensitive collation {collation}; Friday needs a case-sensitive one so that user ids differing in case stay different users. "
                + "Create the database with e.g. COLLATE Latin1_General_100_CS_AS_SC_UTF8 (docs/deployment.md).");
        }
    }
}
