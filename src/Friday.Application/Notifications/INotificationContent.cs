using System.Text.Json;

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
