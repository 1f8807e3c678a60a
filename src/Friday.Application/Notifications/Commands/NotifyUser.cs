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
public sealed record NotifyUserCommand(string UserId, string Title, string Message, string NotificationType, JsonElement? Data = null)
    : IRequest<NotificationDto>;

public sealed class NotifyUserCommandValidator : AbstractValidator<NotifyUserCommand>
{
    public NotifyUserCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty().MaximumLength(Notification.UserIdMaxLength);
        RuleFor(c => c.Title).MaximumLength(Notification.TitleMaxLength);
        RuleFor(c => c.Message).NotEmpty().MaximumLength(Notification.MessageMaxLength);
        RuleFor(c => c.NotificationType).NotEmpty().MaximumLength(Notification.TypeMaxLength)
            .Matches("^[a-z0-9_.-]+$").WithMessage("'Notification Type' must be lower-case letters, digits, '_', '.' or '-'.");
        RuleFor(c => c.Data)
            .Must(d => d is null || d.Value.GetRawText().Length <= Notification.DataMaxLength)
            .WithMessage($"'Data' may be at most {Notification.DataMaxLength} characters of JSON.");
    }
}

public sealed class NotifyUserCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<NotifyUserCommand, NotificationDto>
{
    public async Task<NotificationDto> Handle(NotifyUserCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = request.Data is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } d ? d.GetRawText() : null;
        var notification = Notification.Create(request.UserId, request.Title, request.Message, request.NotificationType, data, clock.GetUtcNow());
        db.Notifications.Add(notification);
        await db.SaveChangesAsync(cancellationToken);
        return NotificationDto.From(notification);
    }
}
