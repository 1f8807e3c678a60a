using System.ComponentModel.DataAnnotations;

namespace Friday.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (the embedded default), <c>Postgres</c> or <c>SqlServer</c>.</summary>
    [Required]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, a file next to the app unless configured; otherwise the Npgsql or SqlClient connection string.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=friday.db";

    /// <summary>Applies pending migrations at start (and creates the SQLite file when missing).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// Sent as <c>Retry-After</c> with the 503 of a request that could not reach the database: long
    /// enough that clients do not hammer a restarting server, short enough to notice its return.
    /// </summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;
}
