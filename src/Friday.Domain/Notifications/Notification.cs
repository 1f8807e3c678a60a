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

    /// <summary>The longest address SMTP can carry in a forward path (RFC 5321).</summary>
    public const int EmailMaxLength = 254;

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

    /// <summary>Where the sender asked for an email copy to go; null for none.</summary>
    public string? Email { get; private set; }

    /// <summary>How many times a sender began sending the email.</summary>
    public int EmailAttempts { get; private set; }

    /// <summary>When the email is due to be tried (again); null when there is none, or once sent or refused.</summary>
    public DateTimeOffset? EmailDueAt { get; private set; }

    public DateTimeOffset? EmailSentAt { get; private set; }

    /// <summary>When the mail server refused the email for good (an unknown mailbox, say); it is not tried again.</summary>
    public DateTimeOffset? EmailFailedAt { get; private set; }

    /// <param name="email">An address for an email copy, sent after the notification commits; null for none.</param>
    public static Notification Create(string userId, string title, string message, string notificationType, string? dataJson, DateTimeOffset now, string? email = null)
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
            Email = email,
            EmailDueAt = email is null ? null : now,
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
