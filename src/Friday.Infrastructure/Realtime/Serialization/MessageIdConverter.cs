using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Friday.Domain.Realtime.Messages;

namespace Friday.Infrastructure.Realtime.Serialization;

/// <summary>Writes a <c>reply_to</c> with the JSON type of the <c>id</c> it answers: a string, or the number as sent.</summary>
public sealed class MessageIdConverter : JsonConverter<MessageId>
{
    public override MessageId? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => MessageId.Text(reader.GetString()!),
        JsonTokenType.Number => MessageId.Number(Encoding.UTF8.GetString(reader.ValueSpan)),
        _ => throw new JsonException("A message id is a string or a number."),
    };

    public override void Write(Utf8JsonWriter writer, MessageId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsNumber)
        {
            writer.WriteRawValue(value.Value);
        }
        else
        {
            writer.WriteStringValue(value.Value);
        }
    }
}
