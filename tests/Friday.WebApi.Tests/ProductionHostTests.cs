using System.Net;
using Friday.Tests.Support;

namespace Friday.WebApi.Tests;

/// <summary>What changes outside Development: a signing key is required, and the development helpers are gone.</summary>
public sealed class ProductionHostTests
{
    [Fact]
    public async Task WithoutASigningKey_ShouldRefuseToStart()
    {
        await using var server = new FridayServer { Environment = "Production" };

        var ex = Record.Exception(() => server.BaseAddress);

        Assert.NotNull(ex);
        Assert.Contains("Jwt:SigningKey is required", Messages(ex), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/test-ws")]
    [InlineData("GET", "/js/friday-client.browser.js")]
    [InlineData("POST", "/api/dev/token")]
    public async Task DevelopmentEndpoints_ShouldBe404_OutsideDevelopment(string method, string url)
    {
        await using var production = new FridayServer { Environment = "Production" };
        production.Settings["Jwt:SigningKey"] = "a-production-signing-key-of-at-least-32-bytes";
        await using var development = new FridayServer();

        using var gone = await SendAsync(production, method, url);
        using var present = await SendAsync(development, method, url);

        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, present.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(FridayServer server, string method, string url)
    {
        using var client = server.AnonymousClient();
        return method == "POST"
            ? await client.PostJsonAsync(url, new { user_id = "prod-check" })
            : await client.GetAsync(url);
    }

    private static string Messages(Exception ex) =>
        ex is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Messages))
            : ex.Message + (ex.InnerException is { } inner ? " | " + Messages(inner) : string.Empty);
}
