using System.Net;
using System.Net.Http.Headers;
using Friday.Infrastructure.Identity;
using Friday.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Friday.WebApi.Tests;

public sealed class AuthenticationTests(FridayServer server) : IClassFixture<FridayServer>
{
    [Theory]
    [InlineData("/api/notes")]
    [InlineData("/api/tasks")]
    [InlineData("/api/activities")]
    public async Task NoToken_ShouldBe401Problem(string url)
    {
        using var anonymous = server.AnonymousClient();
        using var response = await anonymous.GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ExpiredToken_ShouldBe401()
    {
        var expired = server.Services.GetRequiredService<ITokenIssuer>().Issue("alice-auth", [], TimeSpan.FromSeconds(-120));
        using var client = server.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", expired);

        using var response = await client.GetAsync("/api/notes");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TamperedToken_ShouldBe401()
    {
        var token = server.TokenFor("alice-auth");
        using var client = server.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^2] + (token[^2] == 'A' ? "BB" : "AA"));

        using var response = await client.GetAsync("/api/notes");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task DevToken_ShouldAuthenticateRequests()
    {
        using var anonymous = server.AnonymousClient();
        var token = (await (await anonymous.PostJsonAsync("/api/dev/token", new { user_id = "dev-user" })).ReadJsonAsync()).GetProperty("token").GetString();
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await anonymous.PostJsonAsync("/api/notes", new { title = "From a dev token" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("dev-user", (await response.ReadJsonAsync()).GetProperty("owner_id").GetString());
    }

    [Fact]
    public async Task DevToken_WithoutUserId_ShouldBe400()
    {
        using var anonymous = server.AnonymousClient();
        using var response = await anonymous.PostJsonAsync("/api/dev/token", new { roles = new[] { "admin" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task DevToken_WithLifetimeSeconds_ShouldExpireThen()
    {
        using var anonymous = server.AnonymousClient();
        var before = DateTimeOffset.UtcNow;

        using var response = await anonymous.PostJsonAsync("/api/dev/token", new { user_id = "dev-short", lifetime_seconds = 6 });

        var token = new JsonWebTokenHandler().ReadJsonWebToken((await response.ReadJsonAsync()).GetProperty("token").GetString());
        var expires = new DateTimeOffset(token.ValidTo, TimeSpan.Zero);
        // JWT times are whole seconds: the expiry is truncated to the second.
        Assert.InRange(expires, before.AddSeconds(5), DateTimeOffset.UtcNow.AddSeconds(6));
    }

    [Fact]
    public async Task DevToken_WithoutLifetimeSeconds_ShouldLiveTheConfiguredLifetime()
    {
        using var anonymous = server.AnonymousClient();
        var before = DateTimeOffset.UtcNow;

        using var response = await anonymous.PostJsonAsync("/api/dev/token", new { user_id = "dev-default" });

        var token = new JsonWebTokenHandler().ReadJsonWebToken((await response.ReadJsonAsync()).GetProperty("token").GetString());
        Assert.InRange(new DateTimeOffset(token.ValidTo, TimeSpan.Zero), before.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(60));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(2_592_001)]
    public async Task DevToken_WithLifetimeSecondsOutOfRange_ShouldBe400(int seconds)
    {
        using var anonymous = server.AnonymousClient();

        using var response = await anonymous.PostJsonAsync("/api/dev/token", new { user_id = "dev-user", lifetime_seconds = seconds });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lifetime_seconds", (await response.ReadJsonAsync()).GetProperty("title").GetString(), StringComparison.Ordinal);
    }
}
