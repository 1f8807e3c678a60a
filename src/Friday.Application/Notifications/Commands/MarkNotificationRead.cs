using Friday.Application.Common.Exceptions;
using Friday.Application.Common.Interfaces;
using Friday.Domain.Realtime;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Notifications.Commands;

/// <summary>
/// Marks the caller's notification read, then tells every open connection of theirs:
/// <c>notification_update</c>, then <c>unread_count</c>. A request from a connection gets its
/// copies with <c>reply_to</c>; marking again answers the requester only.
/// </summary>
/// <param name="FromConnection">The connection that asked over the WebSocket, or null over REST.</param>
public sealed record MarkNotificationReadCommand(string UserId, Guid NotificationId, RequestOrigin? FromConnection = null) : IRequest<NotificationDto>;

public sealed class MarkNotificationReadCommandHandler(IFridayDbContext db, IWebSocketManager sockets, TimeProvider clock)
    : IRequestHandler<MarkNotificationReadCommand, NotificationDto>
{
    public async Task<NotificationDto> Handle(MarkNotificationReadCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == request.NotificationId && n.UserId == request.UserId, cancellationToken)
            ?? throw new NotFoundException("notification", request.NotificationId);
        var changed = notification.MarkRead(clock.GetUtcNow());
        if (changed)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        var unread = await db.Notifications.CountAsync(n => n.UserId == request.UserId && n.ReadAt == null, cancellationToken);
        var update = NotificationMessages.Read(notification.Id);
        var count = NotificationMessages.UnreadCount(unread);
        var origin = request.FromConnection;
        if (changed)
        {
            sockets.SendToUser(request.UserId, update, origin?.ConnectionId);
            sockets.SendToUser(request.UserId, count, origin?.ConnectionId);
        }

        if (origin is not null)
        {
            sockets.SendToConnection(origin.ConnectionId, update with { ReplyTo = origin.ReplyTo });
            sockets.SendToConnection(origin.ConnectionId, count with { ReplyTo = origin.ReplyTo });
        }

        return NotificationDto.From(notification);
    }
}
