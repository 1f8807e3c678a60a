using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Friday.Domain.Realtime.Messages;

namespace Friday.Infrastructure.Realtime.Serialization;

/// <summary>Serialises a message once into the bytes every receiver is sent.</summary>
public static class MessageSerializer
{
    /// <summary>
    /// The generated context first; payload types an extension brings (its own entity snapshots) fall
    /// back to reflection.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static byte[] Serialize(WebSocketMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), Options);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(FridayJsonContext.Default.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(FridayJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.MakeReadOnly();
        return options;
    }
}
