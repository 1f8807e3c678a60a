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
    /// <c>?all=true</c>: a broadcast to every connection. Exactly one target, by the rule the queue
    /// follows too (<see cref="NotificationRequest.TargetsNamed"/>): none or several is refused.
    /// </summary>
    private static async Task<Results<Created<NotificationDto>, Created<NotifyUsersResult>, Accepted<PublishResult>, ProblemHttpResult>> Publish(
        IMediator mediator, [FromQuery] string? topic, [FromQuery] bool? all, NotificationRequest body, CancellationToken ct)
    {
        var publicTopic = string.IsNullOrEmpty(topic) ? null : topic;
        var targets = body.TargetsNamed(publicTopic, all == true);
        switch (targets)
        {
            case []:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "A target is required.",
                    detail: "Give 'user_id' (or 'user_ids') in the body to notify users, ?topic= to broadcast on a public topic, or ?all=true to broadcast to every connection.");
            case [NotificationTarget.All]:
                return TypedResults.Accepted((string?)null, await mediator.Send(body.ToAllCommand(), ct));
            case [NotificationTarget.Topic]:
                return TypedResults.Accepted((string?)null, await mediator.Send(body.ToTopicCommand(publicTopic!), ct));
            case [NotificationTarget.Users] when body.IsForOneUser:
                var notification = await mediator.Send(body.ToUserCommand(), ct);
                return TypedResults.Created($"/api/notifications/{notification.NotificationId}", notification);
            case [NotificationTarget.Users]:
                return TypedResults.Created((string?)null, await mediator.Send(body.ToUsersCommand(), ct));
            default:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "One target at a time.",
                    detail: $"Name one target, not several: {string.Join(" and ", targets.Select(t => QueryOrFieldOf(t, body)))} were given.");
        }
    }

    private static string QueryOrFieldOf(NotificationTarget target, NotificationRequest body) => target switch
    {
        NotificationTarget.Users => body.RecipientField,
        NotificationTarget.Topic => "?topic=",
        _ => "?all=true",
    };

    private static async Task<Ok<PagedList<NotificationDto>>> List(
        IMediator mediator, ClaimsPrincipal user, bool? unread, int? page, [FromQuery(Name = "page_size")] int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListNotificationsQuery(user.UserId(), unread ?? false, page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct));

    private static async Task<Ok<UnreadCountResponse>> UnreadCount(IMediator mediator, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(new UnreadCountResponse(await mediator.Send(new GetUnreadCountQuery(user.UserId()), ct)));

    private static async Task<Ok<NotificationDto>> MarkRead(IMediator mediator, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new MarkNotificationReadCommand(user.UserId(), id), ct));
}
