using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Friday.Infrastructure.Realtime.Transport;

/// <summary>
/// Runs before ASP.NET Core's WebSocket middleware, which takes the upgrade feature it finds: wrapping
/// it here makes the handshake build the WebSocket on a <see cref="FrameTransportStream"/> that the
/// connection's writer can also write to.
/// </summary>
public sealed class FrameTransportMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var features = context.Features;
        if (features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
        {
            var capturing = new CapturingUpgradeFeature(upgrade);
            features.Set<IHttpUpgradeFeature>(capturing);
            features.Set<IFrameTransportFeature>(capturing);
        }
        else if (features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect)
        {
            var capturing = new CapturingExtendedConnectFeature(connect);
            features.Set<IHttpExtendedConnectFeature>(capturing);
            features.Set<IFrameTransportFeature>(capturing);
        }

        return next(context);
    }
}
