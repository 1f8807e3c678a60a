namespace Friday.Infrastructure.Realtime.Transport;

/// <summary>The request's upgraded stream, once the WebSocket handshake has upgraded it.</summary>
public interface IFrameTransportFeature
{
    FrameTransportStream? Transport { get; }
}
