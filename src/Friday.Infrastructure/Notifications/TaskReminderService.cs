using Friday.Application.Notifications.Commands;
using Friday.Infrastructure.Common;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Notifications;

/// <summary>Looks for tasks that fell due and reminds their owners; the command makes it exactly once.</summary>
internal sealed partial class TaskReminderService(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<TaskReminderService> logger)
    : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.ReminderCheckSeconds);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var sent = await services.GetRequiredService<IMediator>().Send(new SendDueTaskRemindersCommand(), cancellationToken);
        if (sent > 0)
        {
            LogSent(Logger, sent);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} task reminders")]
    private static partial void LogSent(ILogger logger, int count);
}
