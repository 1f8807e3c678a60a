using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Friday.Application.Common.Behaviours;

/// <summary>Logs each request's name and duration; request bodies are not logged, they may hold user data.</summary>
public sealed partial class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string RequestName = typeof(TRequest).Name;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next();
        }
        finally
        {
            LogHandled(logger, RequestName, Stopwatch.GetElapsedTime(started));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {Request} in {Elapsed}")]
    private static partial void LogHandled(ILogger logger, string request, TimeSpan elapsed);
}
