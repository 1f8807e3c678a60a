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

    /// <summary>
    /// Addresses of the reverse proxies in front of Friday (<c>10.0.0.5</c>). Their <c>X-Forwarded-For</c>
    /// and <c>X-Forwarded-Proto</c> are believed, nobody else's, so the per-IP limit and the request log
    /// see the client behind the proxy. Empty: the headers are ignored (unless ASP.NET Core's
    /// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, which believes any sender, is set).
    /// </summary>
    public IList<string> KnownProxies { get; } = [];
}
