using Microsoft.AspNetCore.Http.Features;

namespace Friday.Infrastructure.Realtime.Transport;

/// <summary>HTTP/1.1 upgrade: hands the WebSocket middleware a <see cref="FrameTransportStream"/> and keeps it.</summary>
internal sealed class CapturingUpgradeFeature(IHttpUpgradeFeature inner) : IHttpUpgradeFeature, IFrameTransportFeature
{
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    public FrameTransportStream? Transport { get; private set; }

    public async Task<Stream> UpgradeAsync() => Transport = new FrameTransportStream(await inner.UpgradeAsync());
}
