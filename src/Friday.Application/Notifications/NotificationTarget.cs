namespace Friday.Application.Notifications;

/// <summary>Whom a notification request is for; a request names exactly one of these.</summary>
public enum NotificationTarget
{
    /// <summary>The users in <c>user_id</c> or <c>user_ids</c>.</summary>
    Users,

    /// <summary>The subscribers of a public topic.</summary>
    Topic,

    /// <summary>Every connection.</summary>
    All,
}
