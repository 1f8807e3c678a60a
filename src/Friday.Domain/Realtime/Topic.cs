using System.Text.RegularExpressions;

namespace Friday.Domain.Realtime;

/// <summary>The topic naming rules of PROTOCOL.md and what each kind of topic means.</summary>
public static partial class Topic
{
    public const string Notes = "notes";
    public const string Tasks = "tasks";
    public const string Activities = "activities";
    public const string Notifications = "notifications";

    /// <summary>
    /// The public topic of system-wide broadcasts: every connection, anonymous ones too, is subscribed
    /// to it at connect, so a broadcast to everyone is an ordinary public-topic event.
    /// </summary>
    public const string Broadcast = "broadcast";

    public const string NotePrefix = "note:";
    public const string TaskPrefix = "task:";

    public static bool IsValid(string? topic) => topic is not null && TopicPattern().IsMatch(topic);

    public static TopicKind Classify(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return topic switch
        {
            Notes or Tasks or Activities => TopicKind.UserCollection,
            Notifications => TopicKind.UserNotifications,
            _ when topic.StartsWith(NotePrefix, StringComparison.Ordinal) => TopicKind.NoteInstance,
            _ when topic.StartsWith(TaskPrefix, StringComparison.Ordinal) => TopicKind.TaskInstance,
            _ => TopicKind.Public,
        };
    }

    /// <summary>Topics whose events belong to one user: a membership is keyed by that user too.</summary>
    public static bool IsUserScoped(string topic) => Classify(topic) != TopicKind.Public;

    /// <summary>Topics a connection holds without asking for them: they do not count against the subscription limit.</summary>
    public static bool IsAutomatic(string topic) => topic is Notifications or Broadcast;

    [GeneratedRegex(@"^[a-z0-9_.:-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TopicPattern();
}
