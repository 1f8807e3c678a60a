using Friday.Domain.Realtime;
using Friday.Infrastructure.Realtime;

namespace Friday.Infrastructure.Backplane;

/// <summary>
/// Carries what must reach the connections of every node. This node's own connections are served at
/// once, whatever the state of the transport, so a broker outage never silences a node.
/// </summary>
internal interface IStreamBackplane
{
    /// <summary>False while the transport to the other nodes is down.</summary>
    bool IsConnected { get; }

    /// <summary>A sequenced event, published in <c>seq</c> order; returns how many local connections received it now.</summary>
    int Publish(StreamEnvelope envelope);

    /// <summary>A message for every connection of one user, on any node; returns how many local connections received it.</summary>
    int PublishToUser(UserMessage message);
}
