using System.Net.WebSockets;

namespace Friday.Bench.TransportFloor;

/// <summary>N client sockets that connect and then say nothing.</summary>
internal static class IdleClients
{
    private const int Parallelism = 32;

    public static async Task HoldAsync(Uri url, int count)
    {
        var sockets = new List<ClientWebSocket>(count);
        for (var start = 0; start < count; start += Parallelism)
        {
            var batch = Enumerable.Range(0, Math.Min(Parallelism, count - start)).Select(_ => ConnectAsync(url));
            sockets.AddRange(await Task.WhenAll(batch));
        }

        Console.WriteLine($"open {sockets.Count}");
        await Task.Delay(Timeout.Infinite);
    }

    private static async Task<ClientWebSocket> ConnectAsync(Uri url)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(url, CancellationToken.None);
        return socket;
    }
}
