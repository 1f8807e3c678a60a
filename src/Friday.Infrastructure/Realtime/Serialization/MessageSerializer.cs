using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Friday.Domain.Realtime.Messages;

namespace Friday.Infrastructure.Realtime.Serialization;

/// <summary>Serialises a message once into the bytes every receiver is sent.</summary>
public static class MessageSerializer
{
    /// <summary>
    /// The generated context first; payload types an extension brings (its own entity snapshots) fall
    /// back to reflection. Nulls are written but for the <see cref="OptionalMembers"/>.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static readonly JsonSerializerOptions WithoutSeqOptions = CreateWithoutSeqOptions();

    private static readonly byte[] SeqPrefix = "{\"seq\":"u8.ToArray();

    public static byte[] Serialize(WebSocketMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), Options);
    }

    /// <summary>A stream event as stored in the event log: everything but the <c>seq</c> it has yet to get.</summary>
    public static string SerializeWithoutSeq(WebSocketMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.Serialize(message, message.GetType(), WithoutSeqOptions);
    }

    /// <summary>The wire bytes of a stored event: <c>{"seq":N,</c> followed by the stored object's members.</summary>
    public static byte[] WithSeq(long seq, string payloadWithoutSeq)
    {
        ArgumentNullException.ThrowIfNull(payloadWithoutSeq);
        Span<byte> digits = stackalloc byte[20];
        seq.TryFormat(digits, out var digitCount, provider: System.Globalization.CultureInfo.InvariantCulture);
        var body = System.Text.Encoding.UTF8.GetByteCount(payloadWithoutSeq) - 1;
        var bytes = new byte[SeqPrefix.Length + digitCount + 1 + body];
        SeqPrefix.CopyTo(bytes, 0);
        digits[..digitCount].CopyTo(bytes.AsSpan(SeqPrefix.Length));
        bytes[SeqPrefix.Length + digitCount] = (byte)',';
        System.Text.Encoding.UTF8.GetBytes(payloadWithoutSeq.AsSpan(1), bytes.AsSpan(SeqPrefix.Length + digitCount + 1));
        return bytes;
    }

    private static JsonSerializerOptions CreateWithoutSeqOptions()
    {
        var options = new JsonSerializerOptions(Options)
        {
            TypeInfoResolver = Options.TypeInfoResolver!.WithAddedModifier(info =>
            {
                foreach (var property in info.Properties.Where(p => p.Name == "seq"))
                {
                    property.ShouldSerialize = static (_, _) => false;
                }
            }),
        };
        options.MakeReadOnly();
        return options;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(FridayJsonContext.Default.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(FridayJsonContext.Default, new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(OptionalMembers.OmitWhenNull),
        };
        options.MakeReadOnly();
        return options;
    }
}
