using Friday.Domain.Realtime;
using Friday.Infrastructure.Identity;
using Friday.Infrastructure.Realtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Friday.WebApi.Endpoints;

internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/ws").WithTags("Administration").RequireAuthorization(Policies.Admin);
        admin.MapGet("/stats", (RealtimeStats stats) => TypedResults.Ok(stats.Snapshot()));
        admin.MapGet("/status", Status);
        admin.MapPost("/disconnect", Disconnect);
    }

    private static Results<Ok<UserStatus>, ProblemHttpResult> Status(RealtimeStats stats, [FromQuery(Name = "user_id")] string? userId) =>
        string.IsNullOrWhiteSpace(userId)
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "'user_id' is required.")
            : TypedResults.Ok(stats.StatusOf(userId));

    private static Results<Ok<DisconnectResult>, ProblemHttpResult> Disconnect(IWebSocketManager sockets, DisconnectRequest body)
    {
        if (string.IsNullOrWhiteSpace(body.UserId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "'user_id' is required.");
        }

        var closed = sockets.DisconnectUser(body.UserId, CloseCodes.PolicyViolation, body.Reason ?? "Disconnected by an administrator.");
        return TypedResults.Ok(new DisconnectResult(body.UserId, closed));
    }
}
