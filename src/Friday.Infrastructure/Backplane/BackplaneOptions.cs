using System.ComponentModel.DataAnnotations;

namespace Friday.Infrastructure.Backplane;

public sealed class BackplaneOptions
{
    public const string SectionName = "Backplane";

    public BackplaneProvider Provider { get; set; } = BackplaneProvider.InProcess;

    /// <summary>An AMQP URI, <c>amqp://user:password@host:5672/vhost</c>; required for RabbitMq.</summary>
    public string? ConnectionString { get; set; }

    [Required]
    public string Exchange { get; set; } = "friday.stream";

    /// <summary>
    /// How long an event that arrived ahead of a missing <c>seq</c> waits for it before the missing
    /// range is read from the event log: two nodes publish independently, so small reorderings are normal.
    /// </summary>
    [Range(10, 60_000)]
    public int GapWaitMilliseconds { get; set; } = 250;

    /// <summary>The pause between attempts to reach the broker.</summary>
    [Range(100, 600_000)]
    public int ReconnectMilliseconds { get; set; } = 1000;
}
