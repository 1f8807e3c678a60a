using System.Net;

namespace Friday.Bench.TransportFloor;

/// <summary>ASP.NET Core's WebSocket support with nothing else: no auth, rate limiting, logging or endpoint filters.</summary>
internal static class AspNetCoreFloor
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/ws", async (HttpContext http) =>
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            await IdleReceiver.RunAsync(socket);
        });
        await app.RunAsync();
    }
}
