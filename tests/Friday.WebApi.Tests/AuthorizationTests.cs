using System.Net;
using Friday.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.WebApi.Tests;

/// <summary>
/// The role and ownership rule of every REST endpoint, and a guard that a new endpoint cannot be
/// added without an authorization rule and a row here.
/// </summary>
public sealed class AuthorizationTests(FridayServer server) : IClassFixture<FridayServer>
{
    private const string AnyId = "00000000-0000-0000-0000-000000000001";

    /// <summary>Every endpoint under /api/ except the development token endpoint, with the role it needs (null: any user).</summary>
    public static TheoryData<string, string, string?> Endpoints => new()
    {
        { "GET", "/api/notes", null },
        { "GET", $"/api/notes/{AnyId}", null },
        { "POST", "/api/notes", null },
        { "PUT", $"/api/notes/{AnyId}", null },
        { "DELETE", $"/api/notes/{AnyId}", null },
        { "GET", "/api/tasks", null },
        { "GET", $"/api/tasks/{AnyId}", null },
        { "POST", "/api/tasks", null },
        { "PUT", $"/api/tasks/{AnyId}", null },
        { "POST", $"/api/tasks/{AnyId}/complete", null },
        { "DELETE", $"/api/tasks/{AnyId}", null },
        { "GET", "/api/activities", null },
        { "GET", $"/api/activities/{AnyId}", null },
        { "POST", "/api/activities", null },
        { "PUT", $"/api/activities/{AnyId}", null },
        { "DELETE", $"/api/activities/{AnyId}", null },
        { "GET", "/api/notifications", null },
        { "GET", "/api/notifications/unread-count", null },
        { "POST", $"/api/notifications/{AnyId}/read", null },
        { "POST", "/api/notifications?topic=system_alerts", "admin|service" },
        { "GET", "/api/ws/stats", "admin" },
        { "GET", "/api/ws/status?user_id=someone", "admin" },
        { "POST", "/api/ws/disconnect", "admin" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Anonymous_ShouldBe401Everywhere(string method, string url, string? role)
    {
        _ = role;
        using var client = server.AnonymousClient();

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(client, method, url));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachRole_ShouldPassOnlyWhereItIsEntitled(string method, string url, string? role)
    {
        var required = role?.Split('|') ?? [];
        foreach (var caller in new[] { "user", "service", "admin" })
        {
            using var client = caller == "user" ? server.ClientFor("authz-user") : server.ClientFor($"authz-{caller}", caller);
            var status = await SendAsync(client, method, url);
            var entitled = required.Length == 0 || required.Contains(caller);

            Assert.True(entitled ? status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) : status == HttpStatusCode.Forbidden, $"{caller} {method} {url}: {(int)status}");
        }
    }

    [Fact]
    public void EveryApiEndpoint_ShouldRequireAuthorization_AndBeListedHere()
    {
        var listed = Endpoints.Select(row => $"{row[0]} {Template((string)row[1])}").ToHashSet();
        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true && e.RoutePattern.RawText != "/api/dev/token")
            .ToList();

        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            Assert.NotEmpty(route.Metadata.GetOrderedMetadata<IAuthorizeData>());
            Assert.Empty(route.Metadata.GetOrderedMetadata<IAllowAnonymous>());
            var methods = route.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            Assert.All(methods, m => Assert.Contains($"{m} {route.RoutePattern.RawText!.TrimEnd('/')}", listed));
        }
    }

    [Fact]
    public async Task MarkingAnotherUsersNotificationRead_ShouldBe404()
    {
        using var publisher = server.ClientFor("authz-publisher", "service");
        using var created = await publisher.PostJsonAsync("/api/notifications", new { user_id = "authz-owner", title = "Yours", message = "Only yours", type = "alert" });
        var id = (await created.ReadJsonAsync()).GetProperty("notification_id").GetString();
        using var intruder = server.ClientFor("authz-intruder");

        using var response = await intruder.PostAsync($"/api/notifications/{id}/read", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("""{"title":"t","message":"m","type":"alert","user_id":"x"}""", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The concrete URL of a row, back in route-template form.</summary>
    private static string Template(string url)
    {
        var path = url.Split('?')[0];
        return path.Replace(AnyId, "{id:guid}", StringComparison.Ordinal).TrimEnd('/');
    }
}
