namespace Friday.Application.Realtime;

public enum TopicAccess
{
    Allowed,

    /// <summary>The topic breaks the naming rules, or names an entity id that is not a UUID.</summary>
    Invalid,

    /// <summary>The topic is someone else's, or needs an authenticated user.</summary>
    Forbidden,

    /// <summary>The entity the topic names does not exist.</summary>
    NotFound,
}
