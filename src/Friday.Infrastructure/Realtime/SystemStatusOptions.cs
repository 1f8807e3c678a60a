using System.ComponentModel.DataAnnotations;

namespace Friday.Infrastructure.Realtime;

/// <summary>The periodic <c>system_status</c> broadcast (seed 000's periodic notification task).</summary>
public sealed class SystemStatusOptions
{
    public const string SectionName = "SystemStatus";

    public bool Enabled { get; set; }

    [Range(1, 86_400)]
    public int IntervalSeconds { get; set; } = 60;
}
