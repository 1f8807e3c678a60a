using System.Text;
using System.Text.Json;

namespace Friday.Bench.LoadGenerator.Protocol;

/// <summary>Friday's protocol: one JSON object per WebSocket message (shared/PROTOCOL.md).</summary>
internal sealed class FridayDialect : ITargetDialect
{
    public string Name => "friday";

    public ReadOnlyMemory<byte> Handshake => ReadOnlyMemory<byte>.Empty;

    public ReadOnlyMemory<byte> KeepAlive => ReadOnlyMemory<byte>.Empty;

    public Uri ConnectUri(Uri server, ClientIdentity identity, long? lastSeq, string? topics = null)
    {
        var query = $"token={Uri.EscapeDataString(identity.Token)}" + (lastSeq is { } seq ? $"&last_seq={seq}" : "")
            + (topics is null ? "" : $"&topics={Uri.EscapeDataString(topics)}");
        return new UriBuilder(server) { Scheme = server.Scheme == "https" ? "wss" : "ws", Path = "/ws", Query = query }.Uri;
    }

    public ReadOnlyMemory<byte> Subscribe(string topic) =>
        Encoding.UTF8.GetBytes($$"""{"type":"subscribe","topic":"{{topic}}"}""");

    public int Consume(ReadOnlySpan<byte> buffered, bool endOfMessage, IMessageSink sink)
    {
        if (!endOfMessage)
        {
            return 0;
        }

        var message = Parse(buffered);
        sink.OnMessage(in message);
        return buffered.Length;
    }

    public Task<ClientIdentity> IdentifyAsync(HttpClient http, Uri server, string userId, bool admin, CancellationToken cancellationToken) =>
        FridayApi.TokenAsync(http, server, userId, admin, cancellationToken);

    public HttpRequestMessage Publish(Uri server, string topic, string adminToken, ReadOnlyMemory<byte> body) =>
        new(HttpMethod.Post, new Uri(server, $"/api/notifications?topic={Uri.EscapeDataString(topic)}"))
        {
            Content = new ReadOnlyMemoryContent(body) { Headers = { ContentType = new("application/json") } },
            Headers = { Authorization = new("Bearer", adminToken) },
        };

    private static InboundMessage Parse(ReadOnlySpan<byte> json)
    {
        var message = default(InboundMessage);
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                message.Kind = KindOf(ref reader);
            }
            else if (reader.ValueTextEquals("seq"u8) || reader.ValueTextEquals("last_seq"u8) || reader.ValueTextEquals("to_seq"u8))
            {
                message.Seq = JsonScan.ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                message.Sent = JsonScan.ReadDataSent(ref reader);
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                message.Id = reader.GetString();
            }
            else if (reader.ValueTextEquals("replayed"u8))
            {
                message.Replayed = JsonScan.ReadInt64(ref reader);
            }
            else
            {
                JsonScan.SkipValue(ref reader);
            }
        }

        return message;
    }

    private static MessageKind KindOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("notification"u8) ? MessageKind.Notification
        : reader.ValueTextEquals("data_changed"u8) ? MessageKind.DataChanged
        : reader.ValueTextEquals("connection"u8) ? MessageKind.Welcome
        : reader.ValueTextEquals("subscription"u8) ? MessageKind.Subscribed
        : reader.ValueTextEquals("resumed"u8) ? MessageKind.Resumed
        : reader.ValueTextEquals("error"u8) ? MessageKind.Error
        : MessageKind.Other;
}
