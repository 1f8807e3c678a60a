using Friday.Application.Common.Interfaces;
using Friday.Application.Common.Models;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Notes.Queries;

public sealed record GetNoteQuery(string UserId, Guid Id) : IRequest<NoteDto>;

public sealed class GetNoteQueryHandler(IFridayDbContext db) : IRequestHandler<GetNoteQuery, NoteDto>
{
    public async Task<NoteDto> Handle(GetNoteQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var note = await db.Notes.AsNoTracking().FindOwnedAsync(request.Id, request.UserId, cancellationToken);
        return NoteDto.From(note);
    }
}
