namespace Friday.WebApi.Security;

/// <summary>Endpoint metadata: requests to this endpoint count against <see cref="ConnectionAttemptLimiter"/>.</summary>
internal sealed class ConnectionRateLimited
{
    public static readonly ConnectionRateLimited Instance = new();

    private ConnectionRateLimited()
    {
    }
}
