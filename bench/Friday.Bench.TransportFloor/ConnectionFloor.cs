using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Friday.Infrastructure.Realtime.Transport;
using Microsoft.AspNetCore.Connections;

namespace Friday.Bench.TransportFloor;

/// <summary>
/// Kestrel's socket transport with the upgrade done on the connection, below HTTP: after the 101 nothing of
/// the request is kept. A measuring fixture, not a server: it reads only Sec-WebSocket-Key and checks nothing
/// (no method, path, version, origin or token), which a real transport of this kind would have to.
/// </summary>
internal static class ConnectionFloor
{
    private const int MaxHeadBytes = 8192;

    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Run(AcceptAsync)));
        await builder.Build().RunAsync();
    }

    [SuppressMessage("Security", "CA5350", Justification = "RFC 6455 defines Sec-WebSocket-Accept as a SHA-1 of the key: a handshake, not a secret.")]
    private static async Task AcceptAsync(ConnectionContext connection)
    {
        if (await ReadKeyAsync(connection) is not { } key)
        {
            return;
        }

        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        await connection.Transport.Output.WriteAsync(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"));
        using var socket = WebSocket.CreateFromStream(new DuplexPipeStream(connection.Transport), new WebSocketCreationOptions
        {
            IsServer = true,
            KeepAliveInterval = TimeSpan.FromSeconds(30),
        });
        await IdleReceiver.RunAsync(socket);
    }

    /// <summary>The request head's Sec-WebSocket-Key, or null when the head is incomplete, too long or has none.</summary>
    private static async Task<string?> ReadKeyAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        while (true)
        {
            var read = await input.ReadAsync();
            var reader = new SequenceReader<byte>(read.Buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8))
            {
                // Decoded before AdvanceTo: the pipe may reuse the consumed bytes' memory right after.
                var key = KeyIn(Encoding.ASCII.GetString(head));
                input.AdvanceTo(reader.Position);
                return key;
            }

            if (read.IsCompleted || read.Buffer.Length > MaxHeadBytes)
            {
                return null;
            }

            input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static string? KeyIn(string head) =>
        head.Split("\r\n")
            .Where(line => line.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))
            .Select(line => line["Sec-WebSocket-Key:".Length..].Trim())
            .FirstOrDefault();
}
