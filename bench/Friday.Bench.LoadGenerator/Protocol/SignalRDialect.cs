using System.Text;
using System.Text.Json;

namespace Friday.Bench.LoadGenerator.Protocol;

/// <summary>
/// The SignalR JSON hub protocol over a bare WebSocket, negotiate skipped: records end with 0x1E
/// and several may share one WebSocket message.
/// </summary>
internal sealed class SignalRDialect : ITargetDialect
{
    private const byte RecordSeparator = 0x1E;
    private const int InvocationType = 1;
    private const int CompletionType = 3;
    private const int CloseType = 7;

    public string Name => "signalr";

    public ReadOnlyMemory<byte> Handshake { get; } = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();

    public ReadOnlyMemory<byte> KeepAlive { get; } = "{\"type\":6}\u001e"u8.ToArray();

    public Uri ConnectUri(Uri server, ClientIdentity identity, long? lastSeq, string? topics = null) =>
        new UriBuilder(server)
        {
            Scheme = server.Scheme == "https" ? "wss" : "ws",
            Path = "/hub",
            Query = $"user={Uri.EscapeDataString(identity.UserId)}",
        }.Uri;

    public ReadOnlyMemory<byte> Subscribe(string topic) =>
        Encoding.UTF8.GetBytes($$"""{"type":1,"invocationId":"subscribe","target":"Subscribe","arguments":["{{topic}}"]}""" + "\u001e");

    public int Consume(ReadOnlySpan<byte> buffered, bool endOfMessage, IMessageSink sink)
    {
        var consumed = 0;
        int end;
        while ((end = buffered[consumed..].IndexOf(RecordSeparator)) >= 0)
        {
            var message = Parse(buffered.Slice(consumed, end));
            sink.OnMessage(in message);
            consumed += end + 1;
        }

        return consumed;
    }

    public Task<ClientIdentity> IdentifyAsync(HttpClient http, Uri server, string userId, bool admin, CancellationToken cancellationToken) =>
        Task.FromResult(new ClientIdentity(userId, ""));

    public HttpRequestMessage Publish(Uri server, string topic, string adminToken, ReadOnlyMemory<byte> body) =>
        new(HttpMethod.Post, new Uri(server, $"/api/publish?topic={Uri.EscapeDataString(topic)}"))
        {
            Content = new ReadOnlyMemoryContent(body) { Headers = { ContentType = new("application/json") } },
        };

    private static InboundMessage Parse(ReadOnlySpan<byte> json)
    {
        var message = default(InboundMessage);
        long type = 0;
        var isNotification = false;
        var hasError = false;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                type = JsonScan.ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                isNotification = reader.ValueTextEquals("notification"u8);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                hasError = true;
                JsonScan.SkipValue(ref reader);
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                message.Sent = ReadFirstArgumentSent(ref reader);
            }
            else
            {
                JsonScan.SkipValue(ref reader);
            }
        }

        message.Kind = (type, hasError) switch
        {
            (_, true) or (CloseType, _) => MessageKind.Error,
            (0, false) => MessageKind.Welcome,
            (CompletionType, false) => MessageKind.Subscribed,
            (InvocationType, false) when isNotification => MessageKind.Notification,
            _ => MessageKind.Other,
        };
        return message;
    }

    private static long ReadFirstArgumentSent(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return 0;
        }

        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return 0;
        }

        long sent = 0;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("data"u8))
                {
                    sent = JsonScan.ReadDataSent(ref reader);
                }
                else
                {
                    JsonScan.SkipValue(ref reader);
                }
            }
        }
        else
        {
            reader.Skip();
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }

        return sent;
    }
}
