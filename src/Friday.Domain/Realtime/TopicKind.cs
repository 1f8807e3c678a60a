namespace Friday.Domain.Realtime;

public enum TopicKind
{
    /// <summary><c>notes</c>, <c>tasks</c>, <c>activities</c>: the subscriber's own entities of that kind.</summary>
    UserCollection,

    /// <summary><c>notifications</c>: the subscriber's own notifications.</summary>
    UserNotifications,

    /// <summary><c>note:{id}</c>: one note, for its owner only.</summary>
    NoteInstance,

    /// <summary><c>task:{id}</c>: one task, for its owner only.</summary>
    TaskInstance,

    /// <summary>Anything else: broadcasts anyone connected may hear.</summary>
    Public,
}
