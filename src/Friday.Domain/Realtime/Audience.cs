namespace Friday.Domain.Realtime;

/// <summary>
/// Who may receive a stream event: one user's connections (subscribed to one of the topics), or
/// every connection subscribed to a public topic.
/// </summary>
public sealed record Audience
{
    private Audience(string? userId, IReadOnlyList<string> topics)
    {
        UserId = userId;
        Topics = topics;
    }

    /// <summary>The owning user, or null for a public topic.</summary>
    public string? UserId { get; }

    /// <summary>A connection receives the event once if it subscribed to any of these.</summary>
    public IReadOnlyList<string> Topics { get; }

    public static Audience User(string userId, params IReadOnlyList<string> topics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return new Audience(userId, topics);
    }

    public static Audience PublicTopic(string topic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        return new Audience(null, [topic]);
    }
}
