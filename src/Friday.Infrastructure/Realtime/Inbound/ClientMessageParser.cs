using System.Text;
using System.Text.Json;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;

namespace Friday.Infrastructure.Realtime.Inbound;

/// <summary>
/// Reads one client message. Every failure is a <see cref="ClientMessageParseException"/> with the
/// protocol's error code; nothing here throws anything else for any input.
/// </summary>
internal static class ClientMessageParser
{
    public const int MaxIdLength = 128;
    public const int MaxListLength = 100;
    public const int MaxNotificationTypeLength = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    private static readonly Dictionary<string, WebSocketMessageType> ClientTypes = new(StringComparer.Ordinal)
    {
        ["ping"] = WebSocketMessageType.Ping,
        ["heartbeat"] = WebSocketMessageType.Heartbeat,
        ["subscribe"] = WebSocketMessageType.Subscribe,
        ["unsubscribe"] = WebSocketMessageType.Unsubscribe,
        ["get_unread_count"] = WebSocketMessageType.GetUnreadCount,
        ["get_unread"] = WebSocketMessageType.GetUnread,
        ["mark_read"] = WebSocketMessageType.MarkRead,
        ["resume"] = WebSocketMessageType.Resume,
        ["auth"] = WebSocketMessageType.Auth,
    };

    public static ClientMessage Parse(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException)
        {
            throw new ClientMessageParseException(ErrorCodes.InvalidJson, "The message is not valid JSON.", null);
        }
        catch (ArgumentException)
        {
            throw new ClientMessageParseException(ErrorCodes.InvalidJson, "The message is not valid UTF-8 JSON.", null);
        }

        using (document)
        {
            try
            {
                return ParseDocument(document);
            }
            catch (InvalidOperationException)
            {
                // JsonDocument checks structure, not the UTF-8 or surrogates inside strings; reading them does.
                throw new ClientMessageParseException(ErrorCodes.InvalidJson, "The message holds a string that is not valid UTF-8.", null);
            }
        }
    }

    private static ClientMessage ParseDocument(JsonDocument document)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ClientMessageParseException(ErrorCodes.InvalidMessage, "A message must be a JSON object.", null);
        }

        var id = ReadId(root);
        if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new ClientMessageParseException(ErrorCodes.InvalidMessage, "'type' is required and must be a string.", id);
        }

        var typeName = typeElement.GetString()!;
        if (!ClientTypes.TryGetValue(typeName, out var type))
        {
            throw new ClientMessageParseException(ErrorCodes.UnknownMessageType, $"Unknown message type '{Truncate(typeName)}'.", id);
        }

        return ReadFields(root, new ClientMessage(type, id));
    }

    /// <summary>
    /// The <c>id</c> of a message that will not be parsed, because it was rate limited, so that its
    /// <c>rate_limited</c> can still carry <c>reply_to</c>; null when there is none or the message is not
    /// a JSON object. One forward pass of a reader over at most the size limit, allocating nothing but
    /// the id: less than the parse an admitted message gets, so answering a flood this way costs no more
    /// than serving it would have. Never throws.
    /// </summary>
    public static MessageId? PeekId(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            MessageId? id = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId)
                {
                    // The last "id" counts, as it does for the full parse (JsonElement.TryGetProperty).
                    id = reader.TokenType switch
                    {
                        JsonTokenType.String => IdFromText(reader.GetString()!),
                        JsonTokenType.Number => IdFromNumber(Encoding.UTF8.GetString(reader.ValueSpan)),
                        _ => null,
                    };
                }

                reader.Skip();
            }

            return id;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static ClientMessage ReadFields(JsonElement root, ClientMessage message) => message.Type switch
    {
        WebSocketMessageType.Subscribe or WebSocketMessageType.Unsubscribe => ReadSubscription(root, message),
        WebSocketMessageType.GetUnread => message with { Limit = ReadLimit(root, message.Id) },
        WebSocketMessageType.MarkRead => message with { NotificationId = RequireString(root, "notification_id", message.Id) },
        WebSocketMessageType.Resume => message with { LastSeq = RequireSeq(root, message.Id) },
        WebSocketMessageType.Auth => message with { Token = RequireString(root, "token", message.Id) },
        _ => message,
    };

    private static ClientMessage ReadSubscription(JsonElement root, ClientMessage message)
    {
        var topics = new List<string>();
        if (root.TryGetProperty("topic", out var topic))
        {
            topics.Add(topic.ValueKind == JsonValueKind.String
                ? topic.GetString()!
                : throw Invalid("'topic' must be a string.", message.Id));
        }

        if (root.TryGetProperty("topics", out var list))
        {
            topics.AddRange(ReadStringList(list, "topics", message.Id));
        }

        IReadOnlyList<string>? types = null;
        if (root.TryGetProperty("notification_types", out var typeList))
        {
            types = ReadStringList(typeList, "notification_types", message.Id);
            if (types.Any(t => t.Length is 0 or > MaxNotificationTypeLength))
            {
                throw Invalid($"Each notification type must be 1 to {MaxNotificationTypeLength} characters.", message.Id);
            }
        }

        if (topics.Count == 0 && types is null)
        {
            throw Invalid("Give 'topic', 'topics' or 'notification_types'.", message.Id);
        }

        return message with { Topics = topics, NotificationTypes = types };
    }

    private static List<string> ReadStringList(JsonElement list, string name, MessageId? id)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"'{name}' must be an array of strings.", id);
        }

        if (list.GetArrayLength() > MaxListLength)
        {
            throw Invalid($"'{name}' may hold at most {MaxListLength} entries.", id);
        }

        var values = new List<string>(list.GetArrayLength());
        foreach (var item in list.EnumerateArray())
        {
            values.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Invalid($"'{name}' must be an array of strings.", id));
        }

        return values;
    }

    private static int ReadLimit(JsonElement root, MessageId? id)
    {
        if (!root.TryGetProperty("limit", out var limit) || limit.ValueKind == JsonValueKind.Null)
        {
            return 10;
        }

        return limit.ValueKind == JsonValueKind.Number && limit.TryGetInt32(out var value) && value is >= 1 and <= 100
            ? value
            : throw Invalid("'limit' must be a whole number from 1 to 100.", id);
    }

    private static long RequireSeq(JsonElement root, MessageId? id) =>
        root.TryGetProperty("last_seq", out var seq) && seq.ValueKind == JsonValueKind.Number && seq.TryGetInt64(out var value) && value >= 0
            ? value
            : throw Invalid("'last_seq' is required and must be a whole number ≥ 0.", id);

    private static string RequireString(JsonElement root, string name, MessageId? id) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw Invalid($"'{name}' is required and must be a non-empty string.", id);

    /// <summary>A string or a number (PROTOCOL.md: the reply carries "the same value"); null counts as absent.</summary>
    private static MessageId? ReadId(JsonElement root)
    {
        if (!root.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return id.ValueKind switch
        {
            JsonValueKind.String => IdFromText(id.GetString()!),
            JsonValueKind.Number => IdFromNumber(id.GetRawText()),
            _ => null,
        } ?? throw Invalid($"'id' must be a string or a number of at most {MaxIdLength} characters.", null);
    }

    private static MessageId? IdFromText(string text) => text.Length <= MaxIdLength ? MessageId.Text(text) : null;

    private static MessageId? IdFromNumber(string json) => json.Length <= MaxIdLength ? MessageId.Number(json) : null;

    private static ClientMessageParseException Invalid(string message, MessageId? id) => new(ErrorCodes.InvalidMessage, message, id);

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
