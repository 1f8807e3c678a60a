using System.Text.Json;

namespace Friday.Application.Notifications;

internal static class NotificationContentExtensions
{
    /// <summary>The data as stored: its JSON text, or null for none.</summary>
    public static string? DataJson(this INotificationContent content) =>
        content.Data is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } data ? data.GetRawText() : null;
}
