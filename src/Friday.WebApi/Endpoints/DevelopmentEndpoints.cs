using Friday.Infrastructure.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Friday.WebApi.Endpoints;

/// <summary>Only mapped in Development: a token for anyone, and the browser test page.</summary>
internal static class DevelopmentEndpoints
{
    public static void MapDevelopmentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/dev/token", IssueToken).WithTags("Development").AllowAnonymous();
        app.MapGet("/test-ws", (IWebHostEnvironment env) =>
            TypedResults.PhysicalFile(Path.Combine(env.WebRootPath, "test-ws.html"), "text/html; charset=utf-8")).ExcludeFromDescription();
        // The page's client: the TypeScript client's browser build, committed under wwwroot/js.
        app.MapGet("/js/friday-client.browser.js", (IWebHostEnvironment env) =>
            TypedResults.PhysicalFile(Path.Combine(env.WebRootPath, "js", "friday-client.browser.js"), "text/javascript; charset=utf-8")).ExcludeFromDescription();
    }

    /// <summary>The longest <c>lifetime_seconds</c>: the most <c>Jwt:LifetimeMinutes</c> allows.</summary>
    private const int MaxLifetimeSeconds = JwtOptions.MaxLifetimeMinutes * 60;

    private static Results<Ok<DevTokenResponse>, ProblemHttpResult> IssueToken(ITokenIssuer issuer, DevTokenRequest body)
    {
        if (string.IsNullOrWhiteSpace(body.UserId) || body.UserId.Length > 128)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "'user_id' is required (at most 128 characters).");
        }

        // Short lifetimes let clients try token renewal in seconds; a lifetime out of range is refused
        // rather than silently replaced by the default.
        if (body.LifetimeSeconds is < 1 or > MaxLifetimeSeconds)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"'lifetime_seconds' must be a whole number from 1 to {MaxLifetimeSeconds}.");
        }

        var lifetime = body.LifetimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        return TypedResults.Ok(new DevTokenResponse(issuer.Issue(body.UserId, body.Roles ?? [], lifetime)));
    }
}
