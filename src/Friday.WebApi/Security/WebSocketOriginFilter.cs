using Friday.Infrastructure.Realtime;
using Microsoft.Net.Http.Headers;

namespace Friday.WebApi.Security;

/// <summary>
/// Browsers attach cookies and ambient credentials to a cross-site WebSocket upgrade and CORS does not
/// apply to it, so a page from an unknown origin is refused before the upgrade.
/// </summary>
internal sealed class WebSocketOriginFilter(OriginPolicy origins, RealtimeMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var origin = context.HttpContext.Request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length > 0 && !origins.IsAllowed(origin))
        {
            metrics.Refused(StatusCodes.Status403Forbidden, RefusalReasons.OriginNotAllowed);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Origin not allowed",
                detail: "This page's origin is not in Security:AllowedOrigins.");
        }

        return await next(context);
    }
}
