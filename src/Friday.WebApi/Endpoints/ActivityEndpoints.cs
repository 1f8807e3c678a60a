using System.Security.Claims;
using Friday.Application.Activities;
using Friday.Application.Activities.Commands;
using Friday.Application.Activities.Queries;
using Friday.Application.Common.Models;
using Friday.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Friday.WebApi.Endpoints;

internal static class ActivityEndpoints
{
    public static void MapActivityEndpoints(this IEndpointRouteBuilder app)
    {
        var activities = app.MapGroup("/api/activities").WithTags("Activities").RequireAuthorization();
        activities.MapGet("/", List);
        activities.MapGet("/{id:guid}", Get);
        activities.MapPost("/", Create);
        activities.MapPut("/{id:guid}", Update);
        activities.MapDelete("/{id:guid}", Delete);
    }

    private static async Task<Ok<PagedList<ActivityDto>>> List(IMediator mediator, ClaimsPrincipal user, [FromQuery(Name = "subject_id")] Guid? subjectId, int? page, [FromQuery(Name = "page_size")] int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListActivitiesQuery(user.UserId(), subjectId, page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct));

    private static async Task<Ok<ActivityDto>> Get(IMediator mediator, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetActivityQuery(user.UserId(), id), ct));

    private static async Task<Created<ActivityDto>> Create(IMediator mediator, ClaimsPrincipal user, ActivityRequest body, CancellationToken ct)
    {
        var activity = await mediator.Send(
            new LogActivityCommand(user.UserId(), body.SubjectType ?? string.Empty, body.SubjectId ?? Guid.Empty, body.Action ?? string.Empty, body.Description, body.OccurredAt), ct);
        return TypedResults.Created($"/api/activities/{activity.Id}", activity);
    }

    private static async Task<Ok<ActivityDto>> Update(IMediator mediator, ClaimsPrincipal user, Guid id, ActivityRequest body, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new UpdateActivityCommand(user.UserId(), id, body.Action ?? string.Empty, body.Description, body.Version), ct));

    private static async Task<NoContent> Delete(IMediator mediator, ClaimsPrincipal user, Guid id, long? version, CancellationToken ct)
    {
        await mediator.Send(new DeleteActivityCommand(user.UserId(), id, version), ct);
        return TypedResults.NoContent();
    }
}
