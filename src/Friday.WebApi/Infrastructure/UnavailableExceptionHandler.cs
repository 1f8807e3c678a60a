using System.Globalization;
using Friday.Application.Common.Exceptions;
using Friday.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Friday.WebApi.Infrastructure;

/// <summary>
/// A dependency that cannot be reached is the client's cue to come back later, not a server bug: 503
/// with <c>Retry-After</c>, on reads and writes alike. The detail is fixed text; the driver's message
/// (host, port, file path) stays in the log, and the log line carries no stack trace, since an outage
/// repeats it for every request.
/// </summary>
internal sealed partial class UnavailableExceptionHandler(IProblemDetailsService problemDetails, IOptions<DatabaseOptions> options, ILogger<UnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var database = DatabaseFailures.IsUnavailable(exception);
        if (!database && exception is not ServiceUnavailableException)
        {
            return false;
        }

        var retryAfter = options.Value.RetryAfterSeconds;
        var cause = exception.GetBaseException();
        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, cause.GetType().Name, cause.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = database ? "Database unavailable" : "A dependency is unavailable.",
                Detail = $"The {(database ? "database" : "service")} cannot be reached right now. Try again in {retryAfter} seconds.",
            },
            Exception = exception,
        });
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: a dependency is unavailable ({ErrorType}: {Error})")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string errorType, string error);
}
