using FluentValidation;
using Friday.Domain.Notifications;

namespace Friday.Application.Notifications;

/// <summary>The rules of <see cref="INotificationContent"/>, included by each command's validator.</summary>
internal sealed class NotificationContentValidator : AbstractValidator<INotificationContent>
{
    /// <summary>
    /// A plain <c>local@domain.tld</c> address: no display name, comments, quoting or address
    /// literals, no control characters, nothing that could end a mail header (CR, LF) or separate two addresses.
    /// </summary>
    private const string EmailPattern = @"^[^\s\p{C}@<>()\[\]\\,;:""]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$";

    public NotificationContentValidator(IEmailDelivery email)
    {
        RuleFor(c => c.Title).MaximumLength(Notification.TitleMaxLength);
        RuleFor(c => c.Message).NotEmpty().MaximumLength(Notification.MessageMaxLength);
        // Keyed by the field senders write (REST body, intake message): 'type', as a topic publish keys it.
        RuleFor(c => c.NotificationType).NotEmpty().MaximumLength(Notification.TypeMaxLength)
            .Matches("^[a-z0-9_.-]+$").WithMessage("'type' must be lower-case letters, digits, '_', '.' or '-'.")
            .OverridePropertyName(nameof(NotificationRequest.Type));
        RuleFor(c => c.Data)
            .Must(d => d is null || d.Value.GetRawText().Length <= Notification.DataMaxLength)
            .WithMessage($"'Data' may be at most {Notification.DataMaxLength} characters of JSON.");
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
            .Must(_ => email.IsEnabled).WithMessage("Email delivery is not configured on this server; leave 'email' out.")
            .MaximumLength(Notification.EmailMaxLength)
            .Matches(EmailPattern).WithMessage("'Email' must be a plain address such as name@example.com.")
            .When(c => c.Email is not null);
    }
}
