namespace Friday.Tests.Support;

/// <summary>A fact that needs a real PostgreSQL: reported as skipped, with the reason, when none is configured.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.ConnectionString is null)
        {
            Skip = TestPostgres.SkipReason;
        }
    }
}
