using Friday.Application.Common.Interfaces;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Notifications.Queries;

public sealed record GetUnreadCountQuery(string UserId) : IRequest<int>;

public sealed class GetUnreadCountQueryHandler(IFridayDbContext db) : IRequestHandler<GetUnreadCountQuery, int>
{
    public Task<int> Handle(GetUnreadCountQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return db.Notifications.CountAsync(n => n.UserId == request.UserId && n.ReadAt == null, cancellationToken);
    }
}
