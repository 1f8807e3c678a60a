using System.Text.Json;
using Friday.Application.Realtime;
using Friday.Infrastructure.Identity;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Friday.WebApi.Endpoints;

internal static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications");
        notifications.MapPost("/", Publish).RequireAuthorization(Policies.Publisher);
    }

    private static async Task<Results<Accepted<PublishResult>, ProblemHttpResult>> Publish(
        IMediator mediator, [FromQuery] string? topic, PublishRequest body, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(topic))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "A target is required.",
                detail: "Publish to a public topic with ?topic=.");
        }

        var result = await mediator.Send(new PublishToTopicCommand(topic, body.Type ?? string.Empty, body.Message ?? string.Empty, body.Data), ct);
        return TypedResults.Accepted((string?)null, result);
    }
}

/// <param name="Type">Carried to subscribers as <c>notification_type</c>, e.g. <c>alert</c>.</param>
internal sealed record PublishRequest(string? Type, string? Message, JsonElement? Data, string? UserId, string? Title);
