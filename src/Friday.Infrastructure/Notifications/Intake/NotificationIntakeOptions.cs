using System.ComponentModel.DataAnnotations;

namespace Friday.Infrastructure.Notifications.Intake;

/// <summary>Notification requests from a RabbitMQ queue: off while <see cref="Uri"/> is unset.</summary>
public sealed class NotificationIntakeOptions
{
    public const string SectionName = "NotificationIntake:RabbitMq";

    /// <summary>An AMQP URI, <c>amqp://user:password@host:5672/vhost</c>; never logged.</summary>
    public string? Uri { get; set; }

    /// <summary>A durable queue, declared by Friday when missing.</summary>
    [Required]
    [MaxLength(255)]
    public string Queue { get; set; } = "friday.notifications";

    /// <summary>
    /// Declared on the queue as <c>x-dead-letter-exchange</c>: rejected messages go there. An existing
    /// queue must have been declared with the same arguments (or a broker policy used instead).
    /// </summary>
    [MaxLength(255)]
    public string? DeadLetterExchange { get; set; }

    /// <summary>Messages the broker may hand this node before it acknowledges any.</summary>
    [Range(1, 1000)]
    public int PrefetchCount { get; set; } = 16;

    /// <summary>A larger message is rejected unread.</summary>
    [Range(1024, 16_777_216)]
    public int MaxMessageBytes { get; set; } = 65_536;

    /// <summary>While the database cannot be reached, a message waits this long before it is handed back to the queue.</summary>
    [Range(100, 600_000)]
    public int RetryDelayMilliseconds { get; set; } = 5000;

    /// <summary>The pause between attempts to reach the broker.</summary>
    [Range(100, 600_000)]
    public int ReconnectMilliseconds { get; set; } = 1000;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Uri);
}
