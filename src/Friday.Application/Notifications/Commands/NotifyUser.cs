using System.Text.Json;
using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Domain.Notifications;
using MediatR;

namespace Friday.Application.Notifications.Commands;

/// <summary>
/// Notifies one user: the way internal services call Friday in-process. The notification is stored
/// first, then delivered to every open connection of the user; one with none gets it on connect.
/// </summary>
/// <param name="Email">An address for an email copy, sent once the notification has committed.</param>
public sealed record NotifyUserCommand(string UserId, string Title, string Message, string NotificationType, JsonElement? Data = null, string? Email = null)
    : IRequest<NotificationDto>, INotificationContent;

public sealed class NotifyUserCommandValidator : AbstractValidator<NotifyUserCommand>
{
    public NotifyUserCommandValidator(IEmailDelivery email)
    {
        RuleFor(c => c.UserId).NotEmpty().MaximumLength(Notification.UserIdMaxLength);
        Include(new NotificationContentValidator(email));
    }
}

public sealed class NotifyUserCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<NotifyUserCommand, NotificationDto>
{
    public async Task<NotificationDto> Handle(NotifyUserCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var notification = Notification.Create(
            request.UserId, request.Title, request.Message, request.NotificationType, request.DataJson(), clock.GetUtcNow(), request.Email);
        db.Notifications.Add(notification);
        await db.SaveChangesAsync(cancellationToken);
        return NotificationDto.From(notification);
    }
}
