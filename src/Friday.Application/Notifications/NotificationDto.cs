using System.Text.Json;
using Friday.Domain.Notifications;

namespace Friday.Application.Notifications;

/// <summary>A notification as REST returns it and as the <c>data</c> of a <c>notification</c> message.</summary>
public sealed record NotificationDto(
    Guid NotificationId,
    string Title,
    string Message,
    string NotificationType,
    JsonElement? Data,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt)
{
    public static NotificationDto From(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        JsonElement? data = notification.DataJson is null ? null : JsonDocument.Parse(notification.DataJson).RootElement.Clone();
        return new NotificationDto(notification.Id, notification.Title, notification.Message, notification.NotificationType, data, notification.CreatedAt, notification.ReadAt);
    }
}
