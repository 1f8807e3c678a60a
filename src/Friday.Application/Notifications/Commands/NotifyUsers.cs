using System.Text.Json;
using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Domain.Notifications;
using MediatR;

namespace Friday.Application.Notifications.Commands;

/// <summary>
/// Notifies several users at once. Each gets a notification of their own (own id, own read state,
/// delivered to their connections or kept for their next connect), and all of them commit in one
/// transaction: either every recipient is notified or none is. A user named twice is notified once.
/// </summary>
/// <param name="Email">An address for an email copy: one recipient's, so only with one distinct user.</param>
public sealed record NotifyUsersCommand(IReadOnlyList<string> UserIds, string Title, string Message, string NotificationType, JsonElement? Data = null, string? Email = null)
    : IRequest<NotifyUsersResult>, INotificationContent, IOnceRequest
{
    /// <summary>The most distinct recipients of one command: one transaction must stay reasonably small.</summary>
    public const int MaxRecipients = 1000;

    internal IReadOnlyList<string> DistinctUserIds => UserIds.Distinct(StringComparer.Ordinal).ToList();
}

public sealed class NotifyUsersCommandValidator : AbstractValidator<NotifyUsersCommand>
{
    public NotifyUsersCommandValidator(IEmailDelivery email)
    {
        RuleFor(c => c.UserIds).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("'user_ids' is required.")
            .Must(ids => ids.Count > 0).WithMessage("'user_ids' must name at least one user.")
            .Must((c, _) => c.DistinctUserIds.Count <= NotifyUsersCommand.MaxRecipients)
            .WithMessage($"'user_ids' may name at most {NotifyUsersCommand.MaxRecipients} distinct users.");
        RuleForEach(c => c.UserIds)
            .NotEmpty().WithMessage("A user id in 'user_ids' is blank.")
            .MaximumLength(Notification.UserIdMaxLength).WithMessage($"A user id in 'user_ids' is longer than {Notification.UserIdMaxLength} characters.");
        RuleFor(c => c.Email)
            .Null().When(c => c.UserIds is not null && c.DistinctUserIds.Count > 1)
            .WithMessage("'email' is the address of one recipient; it cannot go with several users.");
        Include(new NotificationContentValidator(email));
    }
}

public sealed class NotifyUsersCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<NotifyUsersCommand, NotifyUsersResult>
{
    public async Task<NotifyUsersResult> Handle(NotifyUsersCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = Stage(db, request, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>Adds the request's notifications to <paramref name="db"/> without saving, for a caller that saves more with them.</summary>
    internal static NotifyUsersResult Stage(IFridayDbContext db, NotifyUsersCommand request, DateTimeOffset now)
    {
        var data = request.DataJson();
        var notifications = request.DistinctUserIds
            .Select(userId => Notification.Create(userId, request.Title, request.Message, request.NotificationType, data, now, request.Email))
            .ToList();
        db.Notifications.AddRange(notifications);
        return new NotifyUsersResult([.. notifications.Select(n => new NotifiedUser(n.UserId, n.Id))]);
    }
}
