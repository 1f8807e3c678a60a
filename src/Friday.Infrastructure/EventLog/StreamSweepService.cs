using Friday.Infrastructure.Common;
using Friday.Infrastructure.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.EventLog;

/// <summary>
/// Publishes events that committed but were never sequenced: a crash between commit and publish, on
/// this node or another; and writes the delivered marks still queued. Also loads the newest seq at
/// start, before the first connection is greeted.
/// </summary>
internal sealed class StreamSweepService(StreamPublisher publisher, NotificationDeliveries deliveries, IServiceScopeFactory scopes, IOptions<EventLogOptions> options, TimeProvider clock, ILogger<StreamSweepService> logger)
    : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.SweepSeconds);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await publisher.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await publisher.PublishPendingAsync(cancellationToken);
        await deliveries.FlushAsync(cancellationToken);
    }
}
