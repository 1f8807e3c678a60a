using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Application.Common.Models;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Notes.Queries;

public sealed record ListNotesQuery(string UserId, int Page = 1, int PageSize = PageRequest.DefaultPageSize) : IRequest<PagedList<NoteDto>>;

public sealed class ListNotesQueryValidator : AbstractValidator<ListNotesQuery>
{
    public ListNotesQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize);
    }
}

public sealed class ListNotesQueryHandler(IFridayDbContext db) : IRequestHandler<ListNotesQuery, PagedList<NoteDto>>
{
    public Task<PagedList<NoteDto>> Handle(ListNotesQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return db.Notes.AsNoTracking()
            .Where(n => n.OwnerId == request.UserId)
            .OrderByDescending(n => n.UpdatedAt)
            .ThenBy(n => n.Id)
            .ToPagedListAsync(request.Page, request.PageSize, NoteDto.From, cancellationToken);
    }
}
