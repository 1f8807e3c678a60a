using System.Buffers.Binary;

namespace Friday.Infrastructure.Realtime.Transport;

/// <summary>
/// The header of one unfragmented, unmasked server-to-client text frame (RFC 6455 §5.2): the writer
/// loop puts it before each queued message so several messages can share one socket write. Also the
/// empty ping frame the heartbeat sends after its message.
/// </summary>
internal static class TextFrame
{
    private const byte FinText = 0x81;
    private const byte FinPing = 0x89;

    /// <summary>A ping frame without payload: what the heartbeat puts after its message.</summary>
    public const int PingLength = 2;

    public static int HeaderSize(int payloadLength) => payloadLength switch
    {
        <= 125 => 2,
        <= ushort.MaxValue => 4,
        _ => 10,
    };

    /// <summary>Writes an empty ping frame into <paramref name="destination"/>; returns its length.</summary>
    public static int WritePing(Span<byte> destination)
    {
        destination[0] = FinPing;
        destination[1] = 0;
        return PingLength;
    }

    /// <summary>Writes the header into <paramref name="destination"/>; returns its length.</summary>
    public static int WriteHeader(Span<byte> destination, int payloadLength)
    {
        destination[0] = FinText;
        switch (payloadLength)
        {
            case <= 125:
                destination[1] = (byte)payloadLength;
                return 2;
            case <= ushort.MaxValue:
                destination[1] = 126;
                BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
                return 4;
            default:
                destination[1] = 127;
                BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payloadLength);
                return 10;
        }
    }
}
