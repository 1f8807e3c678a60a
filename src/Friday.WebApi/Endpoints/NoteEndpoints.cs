using System.Security.Claims;
using Friday.Application.Common.Models;
using Friday.Application.Notes;
using Friday.Application.Notes.Commands;
using Friday.Application.Notes.Queries;
using Friday.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Friday.WebApi.Endpoints;

internal static class NoteEndpoints
{
    public static void MapNoteEndpoints(this IEndpointRouteBuilder app)
    {
        var notes = app.MapGroup("/api/notes").WithTags("Notes").RequireAuthorization();
        notes.MapGet("/", List);
        notes.MapGet("/{id:guid}", Get).WithName("GetNote");
        notes.MapPost("/", Create);
        notes.MapPut("/{id:guid}", Update);
        notes.MapDelete("/{id:guid}", Delete);
    }

    private static async Task<Ok<PagedList<NoteDto>>> List(IMediator mediator, ClaimsPrincipal user, int? page, [FromQuery(Name = "page_size")] int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListNotesQuery(user.UserId(), page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct));

    private static async Task<Ok<NoteDto>> Get(IMediator mediator, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetNoteQuery(user.UserId(), id), ct));

    private static async Task<Created<NoteDto>> Create(IMediator mediator, ClaimsPrincipal user, NoteRequest body, CancellationToken ct)
    {
        var note = await mediator.Send(new CreateNoteCommand(user.UserId(), body.Title ?? string.Empty, body.Content), ct);
        return TypedResults.Created($"/api/notes/{note.Id}", note);
    }

    private static async Task<Ok<NoteDto>> Update(IMediator mediator, ClaimsPrincipal user, Guid id, NoteRequest body, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new UpdateNoteCommand(user.UserId(), id, body.Title ?? string.Empty, body.Content, body.Version), ct));

    private static async Task<NoContent> Delete(IMediator mediator, ClaimsPrincipal user, Guid id, long? version, CancellationToken ct)
    {
        await mediator.Send(new DeleteNoteCommand(user.UserId(), id, version), ct);
        return TypedResults.NoContent();
    }
}
