using Friday.Application.Notifications.Commands;
using Friday.Infrastructure.Common;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Notifications;

/// <summary>Deletes notifications past their retention, once an hour.</summary>
internal sealed partial class NotificationRetentionService(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<NotificationRetentionService> logger)
    : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var before = Clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var purged = await services.GetRequiredService<IMediator>().Send(new PurgeExpiredNotificationsCommand(before), cancellationToken);
        LogPurged(Logger, purged, before);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Count} notifications created before {Before}")]
    private static partial void LogPurged(ILogger logger, int count, DateTimeOffset before);
}
