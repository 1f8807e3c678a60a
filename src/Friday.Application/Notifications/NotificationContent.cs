using System.Text.Json;
using FluentValidation;
using Friday.Domain.Notifications;

namespace Friday.Application.Notifications;

/// <summary>What every notification command carries besides its recipients.</summary>
public interface INotificationContent
{
    string Title { get; }

    string Message { get; }

    string NotificationType { get; }

    JsonElement? Data { get; }

    /// <summary>An address for an email copy of the notification; null for none.</summary>
    string? Email { get; }
}

/// <summary>The rules of <see cref="INotificationContent"/>, included by each command's validator.</summary>
internal sealed class NotificationContentValidator : AbstractValidator<INotificationContent>
{
    /// <summary>
    /// A plain <c>local@domain.tld</c> address: no display name, comments, quoting or address
    /// literals, and nothing that could end a mail header (CR, LF) or separate two addresses.
    /// </summary>
    private const string EmailPattern = @"^[^\s@<>()\[\]\\,;:""]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$";

    public NotificationContentValidator(IEmailDelivery email)
    {
        RuleFor(c => c.Title).MaximumLength(Notification.TitleMaxLength);
        RuleFor(c => c.Message).NotEmpty().MaximumLength(Notification.MessageMaxLength);
        RuleFor(c => c.NotificationType).NotEmpty().MaximumLength(Notification.TypeMaxLength)
            .Matches("^[a-z0-9_.-]+$").WithMessage("'Notification Type' must be lower-case letters, digits, '_', '.' or '-'.");
        RuleFor(c => c.Data)
            .Must(d => d is null || d.Value.GetRawText().Length <= Notification.DataMaxLength)
            .WithMessage($"'Data' may be at most {Notification.DataMaxLength} characters of JSON.");
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
            .Must(_ => email.IsEnabled).WithMessage("Email delivery is not configured on this server; leave 'email' out.")
            .MaximumLength(Notification.EmailMaxLength)
            .Matches(EmailPattern).WithMessage("'Email' must be a plain address such as name@example.com.")
            .When(c => c.Email is not null);
    }

    /// <summary>The data as stored: its JSON text, or null for none.</summary>
    public static string? DataJson(INotificationContent content) =>
        content.Data is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } data ? data.GetRawText() : null;
}
