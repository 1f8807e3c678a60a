using System.Net;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Friday.WebApi.Security;

internal static class SecurityRegistration
{
    /// <summary>Origins, CORS, connection rate limits and a request log that never shows a token.</summary>
    public static WebApplicationBuilder AddFridaySecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>()
            .Bind(builder.Configuration.GetSection(SecurityOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());
        services.AddSingleton<OriginPolicy>();

        // Tokens travel in headers, not cookies, so CORS never needs to allow credentials.
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<OriginPolicy>((cors, origins) =>
            cors.AddDefaultPolicy(p => p.SetIsOriginAllowed(origins.IsAllowed).AllowAnyHeader().AllowAnyMethod()));
        services.AddSingleton<ConnectionAttemptLimiter>();

        // Read by ASP.NET Core's forwarded-headers middleware (UseKnownProxies) and by the upgrade below
        // HTTP alike, so both count a proxied client by its own address.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((forwarding, security) =>
        {
            if (security.Value.KnownProxies.Count == 0)
            {
                return;
            }

            forwarding.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarding.KnownIPNetworks.Clear();
            forwarding.KnownProxies.Clear();
            foreach (var proxy in security.Value.KnownProxies)
            {
                forwarding.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });

        // Added after the configuration's rules, so this one wins even where configuration names the category.
        builder.Logging.AddFilter(RequestLog.HostingCategory, LogLevel.Warning);

        // Kestrel's Debug line for a malformed request quotes its first 128 bytes, query and token included.
        builder.Logging.AddFilter(RequestLog.KestrelBadRequestsCategory, LogLevel.Information);
        return builder;
    }

    /// <summary>With <c>Security:KnownProxies</c>, the client's address and scheme from those proxies' forwarded headers.</summary>
    public static WebApplication UseKnownProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.KnownProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    public static RouteHandlerBuilder RequireWebSocketGuards(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter<WebSocketOriginFilter>().WithMetadata(ConnectionRateLimited.Instance);
}
