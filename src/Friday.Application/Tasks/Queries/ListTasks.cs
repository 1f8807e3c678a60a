using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Application.Common.Models;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Tasks.Queries;

/// <param name="Completed">Null lists every task; true or false filters on completion.</param>
public sealed record ListTasksQuery(string UserId, bool? Completed = null, int Page = 1, int PageSize = PageRequest.DefaultPageSize) : IRequest<PagedList<TaskDto>>;

public sealed class ListTasksQueryValidator : AbstractValidator<ListTasksQuery>
{
    public ListTasksQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize);
    }
}

public sealed class ListTasksQueryHandler(IFridayDbContext db) : IRequestHandler<ListTasksQuery, PagedList<TaskDto>>
{
    public Task<PagedList<TaskDto>> Handle(ListTasksQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tasks = db.Tasks.AsNoTracking().Where(t => t.OwnerId == request.UserId);
        if (request.Completed is { } completed)
        {
            tasks = completed ? tasks.Where(t => t.CompletedAt != null) : tasks.Where(t => t.CompletedAt == null);
        }

        return tasks
            .OrderByDescending(t => t.UpdatedAt)
            .ThenBy(t => t.Id)
            .ToPagedListAsync(request.Page, request.PageSize, TaskDto.From, cancellationToken);
    }
}
