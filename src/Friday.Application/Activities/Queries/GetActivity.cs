using Friday.Application.Common.Interfaces;
using Friday.Application.Common.Models;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Activities.Queries;

public sealed record GetActivityQuery(string UserId, Guid Id) : IRequest<ActivityDto>;

public sealed class GetActivityQueryHandler(IFridayDbContext db) : IRequestHandler<GetActivityQuery, ActivityDto>
{
    public async Task<ActivityDto> Handle(GetActivityQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var activity = await db.Activities.AsNoTracking().FindOwnedAsync(request.Id, request.UserId, cancellationToken);
        return ActivityDto.From(activity);
    }
}
