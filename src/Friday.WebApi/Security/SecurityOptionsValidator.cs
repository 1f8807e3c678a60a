using System.Net;
using Microsoft.Extensions.Options;

namespace Friday.WebApi.Security;

/// <summary>
/// Refuses to start with an origin that could never match a browser's <c>Origin</c> header, or a
/// wildcard, which would reopen cross-site WebSocket hijacking; or with a known proxy that is no address.
/// </summary>
internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.AllowedOrigins.Where(o => !IsOrigin(o))
            .Select(o => $"Security:AllowedOrigins entry '{o}' is not an origin: use scheme://host[:port] with http or https, no path and no wildcard.")
            .Concat(options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
                .Select(p => $"Security:KnownProxies entry '{p}' is not an IP address."))
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && !value.Contains('*', StringComparison.Ordinal)
        && uri.AbsolutePath == "/"
        && string.IsNullOrEmpty(uri.Query)
        && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo);
}
