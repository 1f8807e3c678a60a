using Microsoft.Extensions.Options;

namespace Friday.WebApi.Security;

/// <summary>
/// The one answer to "may a page from this origin talk to Friday?", shared by the WebSocket check and
/// CORS so the two can never disagree.
/// </summary>
internal sealed class OriginPolicy
{
    private readonly HashSet<string> _allowed;
    private readonly bool _allowLocalhost;

    public OriginPolicy(IOptions<SecurityOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _allowed = options.Value.AllowedOrigins.Select(Normalize).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // A developer's front-end dev server runs on some local port that nobody wants to configure.
        _allowLocalhost = environment.IsDevelopment();
    }

    public bool IsAllowed(string origin) =>
        _allowed.Contains(Normalize(origin)) || (_allowLocalhost && IsLocalhost(origin));

    private static bool IsLocalhost(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && uri.Host is "localhost" or "127.0.0.1";

    /// <summary>Browsers send <c>scheme://host[:port]</c>; configuration may add a slash or a default port.</summary>
    private static string Normalize(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : origin;
}
