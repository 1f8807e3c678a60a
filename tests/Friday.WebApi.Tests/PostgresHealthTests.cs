using System.Net;
using Friday.Tests.Support;

namespace Friday.WebApi.Tests;

/// <summary>/health/ready asks the configured database, whichever provider that is.</summary>
public sealed class PostgresHealthTests
{
    [PostgresFact]
    public async Task HealthReady_OnPostgres_ShouldBeHealthy()
    {
        await using var server = new PostgresFridayServer();
        using var client = server.AnonymousClient();
        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [PostgresFact]
    public async Task HealthReady_WhenThePostgresDatabaseIsGone_ShouldBeUnhealthy()
    {
        await using var server = new PostgresFridayServer();
        using var client = server.AnonymousClient();
        TestPostgres.DropDatabase(server.Database!);

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }
}
