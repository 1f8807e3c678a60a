namespace Friday.Bench.HeapProfile;

/// <summary>Which part of the server a type belongs to, judged by its full name (generic arguments included).</summary>
internal static class Layer
{
    private static readonly (string Layer, string[] Markers)[] Rules =
    [
        // The baseline app is Friday.Bench.SignalRBaseline, so "Friday." takes in both servers' own code.
        ("the server's own code (Friday, or the baseline app)", ["Friday."]),
        ("SignalR", ["Microsoft.AspNetCore.SignalR"]),
        ("ManagedWebSocket", ["System.Net.WebSockets"]),
        ("Kestrel, sockets and pipes", ["Kestrel", "System.IO.Pipelines", "System.Net.Sockets"]),
        ("ASP.NET Core request pipeline, auth, DI, logging", ["Microsoft.AspNetCore", "Microsoft.Extensions", "System.Security.Claims", "System.Diagnostics.Activity"]),
        ("strings (header values, ids, the request line)", ["System.String"]),
    ];

    public const string Other = "other (locks, tokens, timers, arrays, boxes of the above)";

    public static string Of(string typeName)
    {
        foreach (var (layer, markers) in Rules)
        {
            if (markers.Any(m => typeName.Contains(m, StringComparison.Ordinal)))
            {
                return layer;
            }
        }

        return Other;
    }
}
