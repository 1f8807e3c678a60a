using Microsoft.AspNetCore.Cors.Infrastructure;
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

        // Added after the configuration's rules, so this one wins even where configuration names the category.
        builder.Logging.AddFilter(RequestLog.HostingCategory, LogLevel.Warning);

        // Kestrel's Debug line for a malformed request quotes its first 128 bytes, query and token included.
        builder.Logging.AddFilter(RequestLog.KestrelBadRequestsCategory, LogLevel.Information);
        return builder;
    }

    public static RouteHandlerBuilder RequireWebSocketGuards(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter<WebSocketOriginFilter>().WithMetadata(ConnectionRateLimited.Instance);
}
