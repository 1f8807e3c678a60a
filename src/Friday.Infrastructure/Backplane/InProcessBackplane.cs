using Friday.Domain.Realtime;
using Friday.Infrastructure.Realtime;

namespace Friday.Infrastructure.Backplane;

/// <summary>The single-node default: there is no one else to tell.</summary>
internal sealed class InProcessBackplane(OrderedStreamDelivery delivery, WebSocketManager sockets) : IStreamBackplane
{
    public bool IsConnected => true;

    public int Publish(StreamEnvelope envelope) => delivery.Deliver(envelope);

    public int PublishToUser(UserMessage message) => sockets.SendToUser(message);
}
