using Microsoft.AspNetCore.Http.Features;

namespace Friday.Infrastructure.Realtime.Transport;

/// <summary>HTTP/2 extended CONNECT (RFC 8441): hands the WebSocket middleware a <see cref="FrameTransportStream"/> and keeps it.</summary>
internal sealed class CapturingExtendedConnectFeature(IHttpExtendedConnectFeature inner) : IHttpExtendedConnectFeature, IFrameTransportFeature
{
    public bool IsExtendedConnect => inner.IsExtendedConnect;

    public string? Protocol => inner.Protocol;

    public FrameTransportStream? Transport { get; private set; }

    public async ValueTask<Stream> AcceptAsync() => Transport = new FrameTransportStream(await inner.AcceptAsync());
}
