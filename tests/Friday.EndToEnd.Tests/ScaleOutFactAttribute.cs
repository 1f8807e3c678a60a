using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>A fact that needs a real PostgreSQL and RabbitMQ: reported as skipped, with the reason, without them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScaleOutFactAttribute : FactAttribute
{
    public ScaleOutFactAttribute()
    {
        if (TestPostgres.ConnectionString is null || TestRabbitMq.ConnectionString is null)
        {
            Skip = TestRabbitMq.SkipReason;
        }
    }
}
