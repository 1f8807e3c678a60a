using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Friday.Infrastructure.Realtime;

namespace Friday.WebApi.Upgrade;

/// <summary>RFC 6455's opening handshake, as ASP.NET Core's WebSocket middleware checks and answers it.</summary>
internal static class WebSocketHandshake
{
    /// <summary>
    /// The client id a valid upgrade of one of Friday's routes names (null for <c>/ws</c> and
    /// <c>/ws/notifications</c>), or false for anything the HTTP pipeline should answer instead.
    /// </summary>
    public static bool TryAccept(UpgradeRequestHead head, out string? clientId)
    {
        clientId = null;
        if (!head.IsGet || !head.IsHttp11 || !head.HasHost || head.NeedsHttp
            || !string.Equals(head.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase)
            || !HasToken(head.Connection, "upgrade")
            || head.Version != "13"
            || !IsKeyValid(head.Key))
        {
            return false;
        }

        if (head.Path is "/ws" or "/ws/notifications")
        {
            return true;
        }

        const string prefix = "/ws/";
        if (head.Path.StartsWith(prefix, StringComparison.Ordinal) && WebSocketSession.IsValidClientId(head.Path[prefix.Length..]))
        {
            clientId = head.Path[prefix.Length..];
            return true;
        }

        return false;
    }

    [SuppressMessage("Security", "CA5350", Justification = "RFC 6455 defines Sec-WebSocket-Accept as a SHA-1 of the key: a handshake, not a secret.")]
    public static byte[] SwitchingProtocols(string key)
    {
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        return Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: {accept}\r\n\r\n");
    }

    private static bool HasToken(string? header, string token) =>
        header is not null && header.Split(',', StringSplitOptions.TrimEntries).Contains(token, StringComparer.OrdinalIgnoreCase);

    private static bool IsKeyValid(string? key)
    {
        Span<byte> decoded = stackalloc byte[16];
        return key is not null && Convert.TryFromBase64String(key, decoded, out var length) && length == 16;
    }
}
