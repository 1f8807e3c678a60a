using System.Security.Claims;
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

    /// <summary>
    /// With <c>user_id</c>: one user's stored notification. With <c>user_ids</c>: one stored notification
    /// per user, committed together. With neither, <c>?topic=</c>: a broadcast on a public topic, or
    /// <c>?all=true</c>: a broadcast to every connection. Everyone is only ever reached by asking for it
    /// by name, alone: a body or query that names no target, or more than one kind, is refused.
    /// </summary>
    private static async Task<Results<Created<NotificationDto>, Created<NotifyUsersResult>, Accepted<PublishResult>, ProblemHttpResult>> Publish(
        IMediator mediator, [FromQuery] string? topic, [FromQuery] bool? all, NotificationRequest body, CancellationToken ct)
    {
        if (all == true)
        {
            return string.IsNullOrEmpty(topic) && body.NamesNoRecipient
                ? TypedResults.Accepted((string?)null, await mediator.Send(body.ToAllCommand(), ct))
                : TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "One target at a time.",
                    detail: "?all=true reaches every connection: leave out ?topic=, 'user_id' and 'user_ids' with it.");
        }

        if (!string.IsNullOrEmpty(topic) && !body.NamesNoRecipient)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "One target at a time.",
                detail: "?topic= broadcasts on a public topic: leave out 'user_id' and 'user_ids' with it, or leave out ?topic= to notify users.");
        }

        if (body.IsForOneUser)
        {
            var notification = await mediator.Send(body.ToUserCommand(), ct);
            return TypedResults.Created($"/api/notifications/{notification.NotificationId}", notification);
        }

        if (!body.NamesNoRecipient)
        {
            return TypedResults.Created((string?)null, await mediator.Send(body.ToUsersCommand(), ct));
        }

        if (string.IsNullOrEmpty(topic))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "A target is required.",
                detail: "Give 'user_id' (or 'user_ids') in the body to notify users, ?topic= to broadcast on a public topic, or ?all=true to broadcast to every connection.");
        }

        var result = await mediator.Send(body.ToTopicCommand(topic), ct);
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
