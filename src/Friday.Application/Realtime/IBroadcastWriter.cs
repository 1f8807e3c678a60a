using Friday.Domain.Realtime.Messages;

namespace Friday.Application.Realtime;

/// <summary>
/// Stores public-topic broadcasts in the event log, each in a transaction without any other change,
/// which lets concurrent broadcasts share one commit. The task completes once the broadcast's row
/// has committed (and its publication was attempted); when the commit fails it fails and no row is left.
/// </summary>
public interface IBroadcastWriter
{
    Task WriteAsync(string topic, WebSocketMessage message, CancellationToken cancellationToken);
}
