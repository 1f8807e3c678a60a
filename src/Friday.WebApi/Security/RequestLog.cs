using System.Collections.Frozen;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Friday.WebApi.Security;

/// <summary>
/// One line per request, with secrets removed from the query string. It replaces ASP.NET Core's own
/// "Request starting/finished" lines, which print the raw query and so every <c>?token=</c>.
/// </summary>
internal sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public const string KestrelBadRequestsCategory = "Microsoft.AspNetCore.Server.Kestrel.BadRequests";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var request = context.Request;
                Finished(logger, request.Method, request.Path.Value ?? "/", Redact(request.QueryString.Value), context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    private static readonly FrozenSet<string> s_secretParameters =
        FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "access_token", "token", "id_token", "refresh_token", "api_key");

    /// <summary>
    /// Every credential-bearing parameter keeps its name and loses its value. Names are compared
    /// decoded, as the server reads them: <c>?%74oken=</c> is the token too.
    /// </summary>
    public static string Redact(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return string.Empty;
        }

        var redacted = new StringBuilder(query.Length);
        foreach (var pair in new QueryStringEnumerable(query))
        {
            redacted.Append(redacted.Length == 0 ? '?' : '&').Append(pair.EncodedName);
            if (s_secretParameters.Contains(pair.DecodeName().ToString()))
            {
                redacted.Append("=[redacted]");
            }
            else if (!pair.EncodedValue.IsEmpty)
            {
                redacted.Append('=').Append(pair.EncodedValue);
            }
        }

        return redacted.ToString();
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "HTTP {Method} {Path}{Query} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    internal static partial void Finished(ILogger logger, string method, string path, string query, int statusCode, double elapsedMs);
}
