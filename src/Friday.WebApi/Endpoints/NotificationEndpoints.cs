using System.Security.Claims;
using System.Text.Json;
using Friday.Application.Common.Models;
using Friday.Application.Notifications;
using Friday.Application.Notifications.Commands;
using Friday.Application.Notifications.Queries;
using Friday.Application.Realtime;
using Friday.Infrastructure.Identity;
using Friday.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Friday.WebApi.Endpoints;

internal static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        notifications.MapPost("/", Publish).RequireAuthorization(Policies.Publisher);
        notifications.MapGet("/", List);
        notifications.MapGet("/unread-count", UnreadCount);
        notifications.MapPost("/{id:guid}/read", MarkRead);
    }

    /// <summary>With <c>user_id</c>: one user's stored notification. With <c>?topic=</c>: a broadcast on a public topic.</summary>
    private static async Task<Results<Created<NotificationDto>, Accepted<PublishResult>, ProblemHttpResult>> Publish(
        IMediator mediator, [FromQuery] string? topic, PublishRequest body, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(body.UserId))
        {
            var notification = await mediator.Send(
                new NotifyUserCommand(body.UserId, body.Title ?? string.Empty, body.Message ?? string.Empty, body.Type ?? string.Empty, body.Data), ct);
            return TypedResults.Created($"/api/notifications/{notification.NotificationId}", notification);
        }

        if (string.IsNullOrEmpty(topic))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "A target is required.",
                detail: "Give 'user_id' in the body to notify one user, or ?topic= to broadcast on a public topic.");
        }

        var result = await mediator.Send(new PublishToTopicCommand(topic, body.Type ?? string.Empty, body.Message ?? string.Empty, body.Data), ct);
        return TypedResults.Accepted((string?)null, result);
    }

    private static async Task<Ok<PagedList<NotificationDto>>> List(
        IMediator mediator, ClaimsPrincipal user, bool? unread, int? page, [FromQuery(Name = "page_size")] int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListNotificationsQuery(user.UserId(), unread ?? false, page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct));

    private static async Task<Ok<UnreadCountResponse>> UnreadCount(IMediator mediator, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(new UnreadCountResponse(await mediator.Send(new GetUnreadCountQuery(user.UserId()), ct)));

    private static async Task<Ok<NotificationDto>> MarkRead(IMediator mediator, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new MarkNotificationReadCommand(user.UserId(), id), ct));
}

/// <param name="Type">A public broadcast's <c>notification_type</c>, or a user notification's type, e.g. <c>alert</c>.</param>
/// <param name="UserId">When set, the notification is stored for this user and delivered to all their connections.</param>
internal sealed record PublishRequest(string? Type, string? Message, JsonElement? Data, string? UserId, string? Title);

internal sealed record UnreadCountResponse(int Count);
