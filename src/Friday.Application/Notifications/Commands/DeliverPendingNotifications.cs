using Friday.Application.Common.Interfaces;
using Friday.Domain.Notifications;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Notifications.Commands;

/// <summary>
/// Takes the notifications created while the user had no connection, oldest first, and records them
/// as delivered: the caller sends them right after the <c>connection</c> message.
/// </summary>
public sealed record DeliverPendingNotificationsCommand(string UserId, int Max = 1000) : IRequest<IReadOnlyList<Notification>>;

public sealed class DeliverPendingNotificationsCommandHandler(IFridayDbContext db, TimeProvider clock)
    : IRequestHandler<DeliverPendingNotificationsCommand, IReadOnlyList<Notification>>
{
    public async Task<IReadOnlyList<Notification>> Handle(DeliverPendingNotificationsCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pending = await db.Notifications
            .Where(n => n.UserId == request.UserId && n.DeliveredAt == null)
            .OrderBy(n => n.CreatedAt)
            .ThenBy(n => n.Id)
            .Take(request.Max)
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return pending;
        }

        var now = clock.GetUtcNow();
        pending.ForEach(n => n.MarkDelivered(now));
        await db.SaveChangesAsync(cancellationToken);
        return pending;
    }
}
