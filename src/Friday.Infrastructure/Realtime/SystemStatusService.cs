using System.Text.Json;
using Friday.Application.Realtime;
using Friday.Infrastructure.Common;
using Friday.Infrastructure.Realtime.Serialization;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Realtime;

/// <summary>
/// Publishes this node's status to the public topic <c>system_status</c> every interval, when enabled:
/// an ordinary public broadcast (event log, <c>seq</c>, replay on resume), one per node.
/// </summary>
internal sealed class SystemStatusService(
    IServiceScopeFactory scopes, RealtimeStats stats, IOptions<SystemStatusOptions> options, TimeProvider clock, ILogger<SystemStatusService> logger)
    : PeriodicJob(scopes, clock, logger)
{
    public const string Topic = "system_status";

    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();

    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.IntervalSeconds);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var snapshot = stats.Snapshot();
        var uptime = Clock.GetUtcNow() - _startedAt;
        var report = new SystemStatusReport(snapshot.Node, snapshot.Connections, snapshot.Users, (long)uptime.TotalSeconds, _startedAt);
        var message = $"Node {report.NodeId} is up: {report.Connections} connections, {report.Users} users, up {report.UptimeSeconds} s.";
        var data = JsonSerializer.SerializeToElement(report, FridayJsonContext.Default.SystemStatusReport);
        await services.GetRequiredService<IMediator>().Send(new PublishToTopicCommand(Topic, Topic, message, data), cancellationToken);
    }
}
