using System.ComponentModel.DataAnnotations;

namespace Friday.WebApi.Security;

/// <summary>What the HTTP edge lets in: which browser pages, and how often one address may open a socket.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Browser origins (<c>https://app.example.com</c>) allowed to open a WebSocket and to call the REST
    /// API cross-site. A request without an <c>Origin</c> header (a service) is not a browser and passes.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>WebSocket upgrade attempts one IP address may make per minute; more are refused with 429.</summary>
    [Range(1, 1_000_000)]
    public int ConnectionsPerIpPerMinute { get; set; } = 120;
}
