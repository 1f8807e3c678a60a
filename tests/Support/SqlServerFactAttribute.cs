namespace Friday.Tests.Support;

/// <summary>A fact that needs a real SQL Server: reported as skipped, with the reason, when none is configured.</summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public SqlServerFactAttribute()
    {
        if (TestSqlServer.ConnectionString is null)
        {
            Skip = TestSqlServer.SkipReason;
        }
    }
}
