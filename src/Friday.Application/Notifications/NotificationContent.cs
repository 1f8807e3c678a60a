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
}

/// <summary>The rules of <see cref="INotificationContent"/>, included by each command's validator.</summary>
internal sealed class NotificationContentValidator : AbstractValidator<INotificationContent>
{
    public NotificationContentValidator()
    {
        RuleFor(c => c.Title).MaximumLength(Notification.TitleMaxLength);
        RuleFor(c => c.Message).NotEmpty().MaximumLength(Notification.MessageMaxLength);
        RuleFor(c => c.NotificationType).NotEmpty().MaximumLength(Notification.TypeMaxLength)
            .Matches("^[a-z0-9_.-]+$").WithMessage("'Notification Type' must be lower-case letters, digits, '_', '.' or '-'.");
        RuleFor(c => c.Data)
            .Must(d => d is null || d.Value.GetRawText().Length <= Notification.DataMaxLength)
            .WithMessage($"'Data' may be at most {Notification.DataMaxLength} characters of JSON.");
    }

    /// <summary>The data as stored: its JSON text, or null for none.</summary>
    public static string? DataJson(INotificationContent content) =>
        content.Data is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } data ? data.GetRawText() : null;
}
