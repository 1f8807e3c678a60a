using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Application.Common.Models;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Activities.Queries;

/// <param name="SubjectId">When set, only the activities about that note or task.</param>
public sealed record ListActivitiesQuery(string UserId, Guid? SubjectId = null, int Page = 1, int PageSize = PageRequest.DefaultPageSize) : IRequest<PagedList<ActivityDto>>;

public sealed class ListActivitiesQueryValidator : AbstractValidator<ListActivitiesQuery>
{
    public ListActivitiesQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize);
    }
}

public sealed class ListActivitiesQueryHandler(IFridayDbContext db) : IRequestHandler<ListActivitiesQuery, PagedList<ActivityDto>>
{
    public Task<PagedList<ActivityDto>> Handle(ListActivitiesQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var activities = db.Activities.AsNoTracking().Where(a => a.OwnerId == request.UserId);
        if (request.SubjectId is { } subjectId)
        {
            activities = activities.Where(a => a.SubjectId == subjectId);
        }

        return activities
            .OrderByDescending(a => a.OccurredAt)
            .ThenBy(a => a.Id)
            .ToPagedListAsync(request.Page, request.PageSize, ActivityDto.From, cancellationToken);
    }
}
