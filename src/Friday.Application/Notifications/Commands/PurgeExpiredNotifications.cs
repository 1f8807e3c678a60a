using MediatR;
using Microsoft.EntityFrameworkCore;
using Friday.Application.Common.Interfaces;

namespace Friday.Application.Notifications.Commands;

/// <summary>Deletes notifications created before <paramref name="Before"/>; returns how many.</summary>
public sealed record PurgeExpiredNotificationsCommand(DateTimeOffset Before) : IRequest<int>;

public sealed class PurgeExpiredNotificationsCommandHandler(IFridayDbContext db) : IRequestHandler<PurgeExpiredNotificationsCommand, int>
{
    public Task<int> Handle(PurgeExpiredNotificationsCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return db.Notifications.Where(n => n.CreatedAt < request.Before).ExecuteDeleteAsync(cancellationToken);
    }
}
