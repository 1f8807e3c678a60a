using Friday.Domain.Notifications;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;

namespace Friday.Application.Notifications;

/// <summary>The wire messages of notifications, built the same way for live and offline delivery.</summary>
public static class NotificationMessages
{
    public static NotificationMessage Notification(Notification notification, long seq, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return new NotificationMessage(seq, Topic.Notifications, notification.Message, notification.NotificationType, NotificationDto.From(notification), now);
    }

    public static UnreadCountMessage UnreadCount(int count, MessageId? replyTo = null) =>
        new(new UnreadCountData(count)) { ReplyTo = replyTo };

    public static NotificationUpdateMessage Read(Guid notificationId) =>
        new(new NotificationUpdateData(notificationId, "read"));

    internal static Audience AudienceOf(Notification notification) => Audience.User(notification.UserId, Topic.Notifications);

}
