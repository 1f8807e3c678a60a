using System.ComponentModel.DataAnnotations;

namespace Friday.Infrastructure.EventLog;

public sealed class EventLogOptions
{
    public const string SectionName = "EventLog";

    /// <summary>
    /// Events older than this are trimmed; a resume from before them answers <c>complete: false</c>.
    /// Fractions are allowed (0.5 is half an hour).
    /// </summary>
    [Range(0.0001, 24 * 365)]
    public double RetentionHours { get; set; } = 24;

    /// <summary>At most this many of the newest events are kept.</summary>
    [Range(1, 100_000_000)]
    public int MaxEvents { get; set; } = 100_000;

    /// <summary>How often committed events that were never sequenced or published (a crash) are picked up.</summary>
    [Range(1, 3600)]
    public int SweepSeconds { get; set; } = 1;

    /// <summary>How often the history is trimmed to its limits.</summary>
    [Range(1, 86_400)]
    public int TrimSeconds { get; set; } = 60;

    /// <summary>The most events one resume replays; past it the answer is <c>complete: false</c>.</summary>
    [Range(1, 1_000_000)]
    public int MaxReplay { get; set; } = 10_000;

    /// <summary>
    /// Fault injection for the crash test only: the process dies right after a change with stream
    /// events commits, before they are sequenced or published.
    /// </summary>
    public bool CrashAfterCommit { get; set; }
}
