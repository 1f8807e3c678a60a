using Friday.Infrastructure.Backplane;
using Friday.Infrastructure.Common;
using Friday.Infrastructure.Notifications;
using Friday.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.EventLog;

/// <summary>
/// Every EventLog:SweepSeconds: publishes events that committed but were never sequenced (a crash
/// between commit and publish, on this node or another); delivers from the log events that were
/// sequenced a whole period ago and still have not reached this node (the sequencing node died right
/// after its commit, or the broker lost the message), which otherwise wait until a later event exposes
/// the gap; and writes the delivered marks still queued. Also loads the newest seq at start, before
/// the first connection is greeted.
/// </summary>
internal sealed class StreamSweepService(
    StreamPublisher publisher,
    OrderedStreamDelivery delivery,
    NotificationDeliveries deliveries,
    IServiceScopeFactory scopes,
    IOptions<EventLogOptions> options,
    TimeProvider clock,
    ILogger<StreamSweepService> logger)
    : PeriodicJob(scopes, clock, logger)
{
    private long _issuedAtLastRun;

    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.SweepSeconds);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await publisher.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await publisher.PublishPendingAsync(cancellationToken);

        // Events sequenced since the last run may still be on their way; older ones are not coming.
        if (delivery.Current < _issuedAtLastRun)
        {
            await delivery.CatchUpAsync(cancellationToken);
        }

        _issuedAtLastRun = await services.GetRequiredService<FridayDbContext>().LastSeqAsync(cancellationToken);
        await deliveries.FlushAsync(cancellationToken);
    }
}
