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

    private static Results<Ok<DevTokenResponse>, ProblemHttpResult> IssueToken(ITokenIssuer issuer, DevTokenRequest body)
    {
        if (string.IsNullOrWhiteSpace(body.UserId) || body.UserId.Length > 128)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "'user_id' is required (at most 128 characters).");
        }

        var lifetime = body.LifetimeSeconds is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        return TypedResults.Ok(new DevTokenResponse(issuer.Issue(body.UserId, body.Roles ?? [], lifetime)));
    }
}

internal sealed record DevTokenRequest(string? UserId, string[]? Roles, int? LifetimeSeconds);

internal sealed record DevTokenResponse(string Token);
