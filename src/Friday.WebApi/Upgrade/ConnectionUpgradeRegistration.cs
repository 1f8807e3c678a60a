using Friday.Infrastructure.Realtime;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Friday.WebApi.Upgrade;

internal static class ConnectionUpgradeRegistration
{
    /// <summary>
    /// Puts <see cref="ConnectionUpgradeMiddleware"/> in front of HTTP on every Kestrel endpoint, so that
    /// it reads a connection's first bytes before the HTTP server does; on a TLS endpoint those bytes are
    /// the handshake, and it passes the connection on.
    /// </summary>
    public static WebApplicationBuilder AddConnectionUpgrade(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => Create(listen.ApplicationServices, kestrel, next))));
        return builder;
    }

    private static ConnectionDelegate Create(IServiceProvider services, KestrelServerOptions kestrel, ConnectionDelegate next)
    {
        if (!services.GetRequiredService<IOptions<RealtimeOptions>>().Value.UpgradeOnConnection)
        {
            return next;
        }

        var middleware = ActivatorUtilities.CreateInstance<ConnectionUpgradeMiddleware>(services, next, kestrel.Limits.RequestHeadersTimeout);
        return middleware.OnConnectionAsync;
    }
}
