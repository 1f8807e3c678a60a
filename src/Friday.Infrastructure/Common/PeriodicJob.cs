using Friday.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Friday.Infrastructure.Common;

/// <summary>
/// Runs a job at start and then every period, each run in its own scope. A failed run is logged and
/// the next one tries again: one bad pass must not stop the job for the life of the process, and an
/// exception leaving a BackgroundService would stop the whole host. While the database is
/// unavailable only the first failed run is a warning (the sweep runs every second), and the first
/// run that succeeds again says so.
/// </summary>
internal abstract partial class PeriodicJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    private bool _databaseDown;

    protected TimeProvider Clock => clock;

    protected ILogger Logger => logger;

    protected abstract TimeSpan Period { get; }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        do
        {
            await RunLoggedAsync(stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private async Task RunLoggedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            if (_databaseDown)
            {
                _databaseDown = false;
                LogDatabaseBack(logger, GetType().Name);
            }
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            if (!_databaseDown)
            {
                _databaseDown = true;
                LogDatabaseDown(logger, GetType().Name, Period, ex.GetBaseException().Message);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, GetType().Name);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A run of {Job} failed; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job} cannot reach the database ({Error}); retrying every {Period} without logging each failure")]
    private static partial void LogDatabaseDown(ILogger logger, string job, TimeSpan period, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job} reached the database again")]
    private static partial void LogDatabaseBack(ILogger logger, string job);
}
