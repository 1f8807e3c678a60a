using System.ComponentModel.DataAnnotations;

namespace Friday.Infrastructure.Realtime;

public sealed class RealtimeOptions
{
    public const string SectionName = "Realtime";

    /// <summary>Seconds between server heartbeats; a connection silent for three of them is closed.</summary>
    [Range(1, 3600)]
    public int HeartbeatIntervalSeconds { get; set; } = 30;

    /// <summary>An inbound message larger than this closes the connection with 1009.</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 16 * 1024;

    /// <summary>Messages queued for one connection; a connection that falls this far behind is closed with 1013.</summary>
    [Range(1, 1_000_000)]
    public int OutboundQueueCapacity { get; set; } = 1024;

    [Range(1, 10_000)]
    public int MaxSubscriptionsPerConnection { get; set; } = 100;

    /// <summary>
    /// While the node is behind (work queued for its cores), the least time between two socket writes to
    /// one connection, so that the messages arriving meanwhile share one write. 0: every write goes at once.
    /// </summary>
    [Range(0, 1000)]
    public int WriteCoalescingMilliseconds { get; set; } = 50;

    /// <summary>How long a close handshake may take before the socket is aborted.</summary>
    [Range(1, 120)]
    public int CloseTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// Open a WebSocket on the TCP connection itself, below HTTP, when its first request is a valid upgrade
    /// that the HTTP pipeline would accept: an idle socket then keeps about half the memory. Off: every
    /// socket is upgraded through the pipeline. Plain-HTTP endpoints only; behind TLS it stands aside.
    /// </summary>
    public bool UpgradeOnConnection { get; set; } = true;

    /// <summary>Connections without a token, reaching public topics only. Off by default.</summary>
    public bool AllowAnonymous { get; set; }
}
