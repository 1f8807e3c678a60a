namespace Friday.Infrastructure.EventLog;

/// <summary>
/// One row of the event log: written in the transaction of the change that caused it, given its
/// <c>seq</c> after commit by the sequencer, then published and kept for replay until trimmed.
/// </summary>
public sealed class StreamEvent
{
    public Guid Id { get; set; }

    /// <summary>Null until sequenced: committed, but not yet visible to readers of the stream.</summary>
    public long? Seq { get; set; }

    /// <summary>The owning user, or null for a public topic.</summary>
    public string? UserId { get; set; }

    public string Topic { get; set; } = string.Empty;

    /// <summary>The per-entity topic (<c>note:{id}</c>) a subscriber may hold instead of <see cref="Topic"/>.</summary>
    public string? InstanceTopic { get; set; }

    public string? NotificationType { get; set; }

    public Guid? NotificationId { get; set; }

    /// <summary>The message as JSON without <c>seq</c>: it is spliced in at publish time.</summary>
    public string Payload { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Order of the events written by one unit of work, so one change's events keep their order.</summary>
    public int Ordinal { get; set; }
}
