using System.ComponentModel.DataAnnotations;

namespace Friday.Infrastructure.Notifications;

public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Notifications older than this are deleted, read or not (the seeds kept 100 in memory).</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>How often due tasks are looked for; a reminder is at most this late.</summary>
    [Range(1, 3600)]
    public int ReminderCheckSeconds { get; set; } = 30;

    /// <summary>Pending notifications sent on connect, oldest first; the rest wait for the next connect.</summary>
    [Range(1, 10_000)]
    public int MaxPendingOnConnect { get; set; } = 1000;
}
