using Friday.Infrastructure.Realtime.Transport;

namespace Friday.Infrastructure.Realtime;

/// <summary>
/// One queued message: the bytes are shared by every receiver of a broadcast; the struct keeps the
/// queue free of per-receiver allocations. With <paramref name="Ping"/> a ping frame follows the message
/// in the same write: the heartbeat, which a live peer answers with a pong. <paramref name="ReceivedAt"/>
/// is, for a live stream event, when this node received it (<see cref="System.Diagnostics.Stopwatch"/>); 0 for anything else.
/// </summary>
internal readonly record struct OutboundFrame(byte[] Payload, long EnqueuedAt, bool Ping = false, long ReceivedAt = 0)
{
    /// <summary>The bytes this takes on the wire: the text frame, and the ping after it if any.</summary>
    public int WireLength => TextFrame.HeaderSize(Payload.Length) + Payload.Length + (Ping ? TextFrame.PingLength : 0);
}
