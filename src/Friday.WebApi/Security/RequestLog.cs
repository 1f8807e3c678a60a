using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Friday.WebApi.Security;

/// <summary>
/// One line per request, with secrets removed from the query string. It replaces ASP.NET Core's own
/// "Request starting/finished" lines, which print the raw query and so every <c>?token=</c>.
/// </summary>
internal sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

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

    /// <summary>Every credential-bearing parameter keeps its name and loses its value.</summary>
    public static string Redact(string? query) =>
        string.IsNullOrEmpty(query) ? string.Empty : SecretParameter().Replace(query, "$1[redacted]");

    [GeneratedRegex(@"([?&](?:access_token|token|id_token|refresh_token|api_key)=)[^&]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameter();

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "HTTP {Method} {Path}{Query} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    internal static partial void Finished(ILogger logger, string method, string path, string query, int statusCode, double elapsedMs);
}
