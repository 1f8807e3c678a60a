using System.Net.WebSockets;

namespace Friday.Bench.TransportFloor;

/// <summary>The server's side of an idle socket in both floors: waits without a buffer until the peer closes.</summary>
internal static class IdleReceiver
{
    public static async Task RunAsync(WebSocket socket)
    {
        var buffer = new byte[64];
        while (socket.State == WebSocketState.Open)
        {
            // A zero-byte read parks the loop without holding the buffer, as Friday's receive loop does.
            await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
            var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return;
            }
        }
    }
}
