using MediatR;
using Microsoft.EntityFrameworkCore;
using Friday.Application.Common.Interfaces;

namespace Friday.Application.Notifications.Commands;

/// <summary>
/// Deletes notifications created before <paramref name="Before"/>, and the keys of requests handled
/// before it (a repeat that late would find its notifications gone anyway); returns how many notifications.
/// </summary>
public sealed record PurgeExpiredNotificationsCommand(DateTimeOffset Before) : IRequest<int>;

public sealed class PurgeExpiredNotificationsCommandHandler(IFridayDbContext db) : IRequestHandler<PurgeExpiredNotificationsCommand, int>
{
    public async Task<int> Handle(PurgeExpiredNotificationsCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await db.HandledRequests.Where(r => r.HandledAt < request.Before).ExecuteDeleteAsync(cancellationToken);
        return await db.Notifications.Where(n => n.CreatedAt < request.Before).ExecuteDeleteAsync(cancellationToken);
    }
}
