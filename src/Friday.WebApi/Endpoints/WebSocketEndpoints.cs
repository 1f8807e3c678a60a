using Friday.Infrastructure.Realtime;
using Friday.Infrastructure.Realtime.Transport;
using Friday.WebApi.Security;

namespace Friday.WebApi.Endpoints;

internal static class WebSocketEndpoints
{
    /// <summary>ASP.NET Core's WebSocket middleware, on a transport the connection's writer can batch frames into.</summary>
    public static IApplicationBuilder UseFridayWebSockets(this IApplicationBuilder app) =>
        app.UseMiddleware<FrameTransportMiddleware>().UseWebSockets();

    /// <summary>Three routes, one handler; <c>/ws/notifications</c> is the path existing notification clients use.</summary>
    public static void MapWebSocketEndpoints(this IEndpointRouteBuilder app)
    {
        app.Map("/ws", (HttpContext http, WebSocketSession session) => session.HandleAsync(http, null)).ExcludeFromDescription().RequireWebSocketGuards();
        app.Map("/ws/notifications", (HttpContext http, WebSocketSession session) => session.HandleAsync(http, null)).ExcludeFromDescription().RequireWebSocketGuards();
        app.Map("/ws/{client_id}", (HttpContext http, WebSocketSession session, string client_id) => session.HandleAsync(http, client_id)).ExcludeFromDescription().RequireWebSocketGuards();
    }
}
