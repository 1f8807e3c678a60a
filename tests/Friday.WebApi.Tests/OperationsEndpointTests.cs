using System.Net;
using Friday.Tests.Support;

namespace Friday.WebApi.Tests;

public sealed class OperationsEndpointTests(FridayServer server) : IClassFixture<FridayServer>
{
    [Fact]
    public async Task HealthLive_ShouldBe200()
    {
        using var client = server.AnonymousClient();
        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HealthReady_WithTheDatabaseUp_ShouldBeHealthy()
    {
        using var client = server.AnonymousClient();
        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_ShouldListTheRestEndpoints()
    {
        using var client = server.AnonymousClient();
        var document = await (await client.GetAsync("/openapi/v1.json")).ReadJsonAsync();
        var paths = document.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/notes", out _));
        Assert.True(paths.TryGetProperty("/api/tasks/{id}/complete", out _));
        Assert.True(paths.TryGetProperty("/api/activities", out _));
    }

    [Theory]
    [InlineData("GET", "/api/ws/stats")]
    [InlineData("GET", "/api/ws/status?user_id=x")]
    [InlineData("POST", "/api/ws/disconnect")]
    public async Task AdminEndpoints_ForANonAdmin_ShouldBe403(string method, string url)
    {
        using var user = server.ClientFor("plain-user");
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "POST" ? new StringContent("{\"user_id\":\"x\"}", System.Text.Encoding.UTF8, "application/json") : null };
        using var response = await user.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Stats_ForAnAdmin_ShouldReportTheFigures()
    {
        using var admin = server.ClientFor("admin-user", "admin");
        var stats = await (await admin.GetAsync("/api/ws/stats")).ReadJsonAsync();

        Assert.True(stats.TryGetProperty("connections", out _));
        Assert.True(stats.TryGetProperty("messages_sent", out _));
        Assert.True(stats.TryGetProperty("messages_dropped", out _));
        Assert.True(stats.TryGetProperty("topics", out _));
        Assert.True(stats.TryGetProperty("users", out _));
    }

    [Fact]
    public async Task PublishToTopic_WithoutARole_ShouldBe403()
    {
        using var user = server.ClientFor("plain-publisher");
        using var response = await user.PostJsonAsync("/api/notifications?topic=system_alerts", new { type = "alert", message = "hi" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PublishToTopic_ToAUserTopic_ShouldBe400()
    {
        using var service = server.ClientFor("svc", "service");
        using var response = await service.PostJsonAsync("/api/notifications?topic=notes", new { type = "alert", message = "hi" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
