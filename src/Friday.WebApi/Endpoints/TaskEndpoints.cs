using System.Security.Claims;
using Friday.Application.Common.Models;
using Friday.Application.Tasks;
using Friday.Application.Tasks.Commands;
using Friday.Application.Tasks.Queries;
using Friday.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Friday.WebApi.Endpoints;

internal static class TaskEndpoints
{
    public static void MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization();
        tasks.MapGet("/", List);
        tasks.MapGet("/{id:guid}", Get);
        tasks.MapPost("/", Create);
        tasks.MapPut("/{id:guid}", Update);
        tasks.MapPost("/{id:guid}/complete", Complete);
        tasks.MapDelete("/{id:guid}", Delete);
    }

    private static async Task<Ok<PagedList<TaskDto>>> List(IMediator mediator, ClaimsPrincipal user, bool? completed, int? page, [FromQuery(Name = "page_size")] int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListTasksQuery(user.UserId(), completed, page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct));

    private static async Task<Ok<TaskDto>> Get(IMediator mediator, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetTaskQuery(user.UserId(), id), ct));

    private static async Task<Created<TaskDto>> Create(IMediator mediator, ClaimsPrincipal user, TaskRequest body, CancellationToken ct)
    {
        var task = await mediator.Send(new CreateTaskCommand(user.UserId(), body.Title ?? string.Empty, body.Description, body.DueAt), ct);
        return TypedResults.Created($"/api/tasks/{task.Id}", task);
    }

    private static async Task<Ok<TaskDto>> Update(IMediator mediator, ClaimsPrincipal user, Guid id, TaskRequest body, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new UpdateTaskCommand(user.UserId(), id, body.Title ?? string.Empty, body.Description, body.DueAt, body.Version), ct));

    private static async Task<Ok<TaskDto>> Complete(IMediator mediator, ClaimsPrincipal user, Guid id, long? version, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new CompleteTaskCommand(user.UserId(), id, version), ct));

    private static async Task<NoContent> Delete(IMediator mediator, ClaimsPrincipal user, Guid id, long? version, CancellationToken ct)
    {
        await mediator.Send(new DeleteTaskCommand(user.UserId(), id, version), ct);
        return TypedResults.NoContent();
    }
}
