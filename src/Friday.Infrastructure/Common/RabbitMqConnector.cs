using RabbitMQ.Client;

namespace Friday.Infrastructure.Common;

/// <summary>
/// How Friday's RabbitMQ users (the backplane, the notification intake) stay connected: each rebuilds
/// its connection in its own loop rather than through the client's automatic recovery, so a failed
/// first connect and a lost connection take the same path, and the topology is simply declared anew.
/// </summary>
internal static class RabbitMqConnector
{
    /// <summary>A connection factory without automatic recovery, whose heartbeat notices a dead broker within seconds.</summary>
    public static ConnectionFactory Factory(string uri, string clientName) => new()
    {
        Uri = new Uri(uri),
        AutomaticRecoveryEnabled = false,
        TopologyRecoveryEnabled = false,
        ClientProvidedName = clientName,
        RequestedHeartbeat = TimeSpan.FromSeconds(10),
    };

    /// <summary>
    /// Runs <paramref name="runConnection"/>, which ends when its connection does, again and again until
    /// the host stops, pausing <paramref name="reconnectDelay"/> in between. A connection that failed or
    /// was lost is reported to <paramref name="onLost"/>; the host stopping is the normal way out.
    /// </summary>
    public static async Task KeepConnectedAsync(
        Func<CancellationToken, Task> runConnection, Action<Exception> onLost, TimeSpan reconnectDelay, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runConnection(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                onLost(ex);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(reconnectDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
