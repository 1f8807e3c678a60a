using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Friday.Infrastructure.Backplane;

/// <summary>
/// Degraded, not unhealthy, while the broker is away: the node still serves its own clients and
/// other nodes catch up from the event log, so a load balancer should keep sending it traffic.
/// </summary>
internal sealed class BackplaneHealthCheck(IStreamBackplane backplane) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(backplane.IsConnected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("Not connected to the backplane broker; reconnecting. Other nodes' clients catch up from the event log."));
}
