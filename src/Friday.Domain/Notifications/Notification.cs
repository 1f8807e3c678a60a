using Friday.Domain.Common;

namespace Friday.Domain.Notifications;

/// <summary>A message for one user, kept until read and past its retention.</summary>
public sealed class Notification : AggregateRoot
{
    public const int TitleMaxLength = 200;
    public const int MessageMaxLength = 4000;
    public const int TypeMaxLength = 64;
    public const int DataMaxLength = 16_000;
    public const int UserIdMaxLength = 128;

    private Notification()
    {
        UserId = string.Empty;
        Title = string.Empty;
        Message = string.Empty;
        NotificationType = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The recipient.</summary>
    public string UserId { get; private set; }

    public string Title { get; private set; }

    public string Message { get; private set; }

    public string NotificationType { get; private set; }

    /// <summary>Arbitrary JSON the sender attached, stored as text.</summary>
    public string? DataJson { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When a connection of the recipient was first sent it; null while it waits for one.</summary>
    public DateTimeOffset? DeliveredAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    public static Notification Create(string userId, string title, string message, string notificationType, string? dataJson, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(notificationType);
        var notification = new Notification
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Title = string.IsNullOrWhiteSpace(title) ? message : title,
            Message = message ?? string.Empty,
            NotificationType = notificationType,
            DataJson = dataJson,
            CreatedAt = now,
        };
        notification.Raise(new NotificationCreated(notification));
        return notification;
    }

    /// <summary>Marking twice is harmless; returns whether this call changed anything.</summary>
    public bool MarkRead(DateTimeOffset now)
    {
        if (IsRead)
        {
            return false;
        }

        ReadAt = now;
        return true;
    }
}
