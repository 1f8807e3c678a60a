namespace Friday.Bench.Micro;

internal static class Samples
{
    private static readonly DateTimeOffset s_at = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    public static NotificationMessage Notification(long seq) => new(
        "notification",
        seq,
        "notifications",
        "Task due",
        "task_reminder",
        new NotificationData("3f2b8c1e-5d4a-4e2b-9c1d-7a6b5c4d3e2f", "Task due", "Task due", "task_reminder", s_at),
        s_at);
}
