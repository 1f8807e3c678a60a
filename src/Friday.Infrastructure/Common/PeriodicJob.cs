using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Friday.Infrastructure.Common;

/// <summary>
/// Runs a job at start and then every period, each run in its own scope. A failed run is logged and
/// the next one tries again: one bad pass must not stop the job for the life of the process.
/// </summary>
internal abstract partial class PeriodicJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock => clock;

    protected ILogger Logger => logger;

    protected abstract TimeSpan Period { get; }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, GetType().Name);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
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
}
