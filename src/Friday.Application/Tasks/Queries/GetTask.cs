using Friday.Application.Common.Interfaces;
using Friday.Application.Common.Models;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Tasks.Queries;

public sealed record GetTaskQuery(string UserId, Guid Id) : IRequest<TaskDto>;

public sealed class GetTaskQueryHandler(IFridayDbContext db) : IRequestHandler<GetTaskQuery, TaskDto>
{
    public async Task<TaskDto> Handle(GetTaskQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var task = await db.Tasks.AsNoTracking().FindOwnedAsync(request.Id, request.UserId, cancellationToken);
        return TaskDto.From(task);
    }
}
