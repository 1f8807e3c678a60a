using System.Text.Json;
using Friday.Application.Notes;
using Friday.Application.Tasks;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Realtime.Serialization;

namespace Friday.Infrastructure.Tests.Realtime;

public sealed class MessageSerializerTests
{
    private static readonly DateTimeOffset Utc = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    [Fact]
    public void Serialize_WhenPong_ShouldWriteOnlyTheType()
    {
        AssertJson("""{"type":"pong"}""", new PongMessage());
    }

    [Fact]
    public void Serialize_WhenReplyToSet_ShouldWriteReplyTo()
    {
        var json = Json(new PongMessage { ReplyTo = MessageId.Text("abc") });

        Assert.Equal("abc", json.GetProperty("reply_to").GetString());
    }

    [Theory]
    [InlineData("7")]
    [InlineData("-1.50")]
    [InlineData("6.02e23")]
    public void Serialize_WhenReplyToIsANumber_ShouldWriteTheNumberAsSent(string number)
    {
        var text = System.Text.Encoding.UTF8.GetString(MessageSerializer.Serialize(new PongMessage { ReplyTo = MessageId.Number(number) }));

        Assert.Contains($"\"reply_to\":{number}", text, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, JsonDocument.Parse(text).RootElement.GetProperty("reply_to").ValueKind);
    }

    [Fact]
    public void Serialize_WhenReplyToIsAStringOfDigits_ShouldKeepItAString()
    {
        Assert.Equal(JsonValueKind.String, Json(new PongMessage { ReplyTo = MessageId.Text("7") }).GetProperty("reply_to").ValueKind);
    }

    [Fact]
    public void Serialize_WhenReplyToNull_ShouldOmitIt()
    {
        var json = Json(new ErrorMessage("invalid_json", "bad"));

        Assert.False(json.TryGetProperty("reply_to", out _));
        Assert.Equal("error", json.GetProperty("type").GetString());
        Assert.Equal("invalid_json", json.GetProperty("code").GetString());
        Assert.Equal("bad", json.GetProperty("message").GetString());
    }

    [Fact]
    public void Serialize_WhenUnreadCount_ShouldWriteSnakeCaseTypeAndNestedData()
    {
        AssertJson("""{"type":"unread_count","data":{"count":5}}""", new UnreadCountMessage(new UnreadCountData(5)));
    }

    [Fact]
    public void Serialize_WhenConnection_ShouldWriteEveryFieldInSnakeCase()
    {
        var json = Json(new ConnectionMessage("c1", "alice", 30, 1234, Utc));

        Assert.Equal("connection", json.GetProperty("type").GetString());
        Assert.Equal("connected", json.GetProperty("status").GetString());
        Assert.Equal("c1", json.GetProperty("client_id").GetString());
        Assert.Equal("alice", json.GetProperty("user_id").GetString());
        Assert.Equal(30, json.GetProperty("heartbeat_interval").GetInt32());
        Assert.Equal(1234, json.GetProperty("last_seq").GetInt64());
        Assert.Equal("2026-01-02T03:04:05.678Z", json.GetProperty("timestamp").GetString());
    }

    [Fact]
    public void Serialize_WhenAnonymousConnection_ShouldWriteUserIdAsNull()
    {
        Assert.Equal(JsonValueKind.Null, Json(new ConnectionMessage("c1", null, 30, 0, Utc)).GetProperty("user_id").ValueKind);
    }

    [Fact]
    public void Serialize_WhenTimestampHasAnOffset_ShouldWriteItInUtcWithMilliseconds()
    {
        var local = new DateTimeOffset(2026, 1, 2, 5, 4, 5, 678, TimeSpan.FromHours(2));

        Assert.Equal("2026-01-02T03:04:05.678Z", Json(new HeartbeatMessage(local)).GetProperty("timestamp").GetString());
    }

    [Fact]
    public void Serialize_WhenTimestampHasNoFraction_ShouldStillWriteThreeDigits()
    {
        var whole = new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.FromHours(-5));

        Assert.Equal("2027-01-01T04:59:59.000Z", Json(new HeartbeatMessage(whole)).GetProperty("timestamp").GetString());
    }

    [Fact]
    public void Serialize_WhenDataChangedWithNote_ShouldWriteTheNoteInSnakeCase()
    {
        var id = Guid.NewGuid();
        var note = new NoteDto(id, "alice", "T", "C", Utc, Utc.ToOffset(TimeSpan.FromHours(3)), 2);

        var json = Json(new DataChangedMessage(17, "notes", "note", "created", id, note, Utc));

        Assert.Equal("data_changed", json.GetProperty("type").GetString());
        Assert.Equal(17, json.GetProperty("seq").GetInt64());
        Assert.Equal("notes", json.GetProperty("topic").GetString());
        Assert.Equal("note", json.GetProperty("entity").GetString());
        Assert.Equal("created", json.GetProperty("action").GetString());
        Assert.Equal(id, json.GetProperty("id").GetGuid());
        var data = json.GetProperty("data");
        Assert.Equal(id, data.GetProperty("id").GetGuid());
        Assert.Equal("alice", data.GetProperty("owner_id").GetString());
        Assert.Equal("T", data.GetProperty("title").GetString());
        Assert.Equal("C", data.GetProperty("content").GetString());
        Assert.Equal("2026-01-02T03:04:05.678Z", data.GetProperty("created_at").GetString());
        Assert.Equal("2026-01-02T03:04:05.678Z", data.GetProperty("updated_at").GetString());
        Assert.Equal(2, data.GetProperty("version").GetInt64());
    }

    [Fact]
    public void Serialize_WhenDataChangedDeleted_ShouldWriteDataAsNull()
    {
        var json = Json(new DataChangedMessage(1, "notes", "note", "deleted", Guid.NewGuid(), null, Utc));

        Assert.Equal(JsonValueKind.Null, json.GetProperty("data").ValueKind);
        Assert.Equal("deleted", json.GetProperty("action").GetString());
    }

    [Fact]
    public void SerializeWithoutSeq_WhenDataChangedDeleted_ShouldStoreDataAsNull_AndReplayItSo()
    {
        var stored = MessageSerializer.SerializeWithoutSeq(new DataChangedMessage(0, "notes", "note", "deleted", Guid.NewGuid(), null, Utc));

        var replayed = JsonDocument.Parse(MessageSerializer.WithSeq(42, stored)).RootElement;

        Assert.Equal(JsonValueKind.Null, replayed.GetProperty("data").ValueKind);
        Assert.Equal(42, replayed.GetProperty("seq").GetInt64());
    }

    [Fact]
    public void Serialize_WhenTheEntityHasNullFields_ShouldWriteThemAsRestDoes()
    {
        var id = Guid.NewGuid();
        var task = new TaskDto(id, "alice", "T", string.Empty, null, false, null, Utc, Utc, 1);

        var data = Json(new DataChangedMessage(3, "tasks", "task", "created", id, task, Utc)).GetProperty("data");

        Assert.Equal(JsonValueKind.Null, data.GetProperty("due_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("completed_at").ValueKind);
    }

    [Fact]
    public void Serialize_WhenErrorHasNoExpiry_ShouldOmitExpiresAt()
    {
        Assert.False(Json(new ErrorMessage("forbidden", "no")).TryGetProperty("expires_at", out _));
        Assert.Equal("2026-01-02T03:04:05.678Z", Json(new ErrorMessage("token_expiring", "soon") { ExpiresAt = Utc }).GetProperty("expires_at").GetString());
    }

    [Fact]
    public void Serialize_WhenPayloadTypeIsUnknownToTheContext_ShouldFallBackToReflection()
    {
        var payload = new ExtensionSnapshot("x", 3, Utc.ToOffset(TimeSpan.FromHours(1)), null);

        var data = Json(new DataChangedMessage(1, "widgets", "widget", "updated", Guid.NewGuid(), payload, Utc)).GetProperty("data");

        Assert.Equal("x", data.GetProperty("widget_name").GetString());
        Assert.Equal(3, data.GetProperty("part_count").GetInt32());
        Assert.Equal("2026-01-02T03:04:05.678Z", data.GetProperty("seen_at").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("note").ValueKind);
    }

    [Fact]
    public void Serialize_WhenNotificationWithJsonElementData_ShouldEmbedTheData()
    {
        using var doc = JsonDocument.Parse("""{"Level":"high","n":[1,2]}""");

        var json = Json(new NotificationMessage(9, "system_alerts", "Disk full", "alert", doc.RootElement.Clone(), Utc));

        Assert.Equal("notification", json.GetProperty("type").GetString());
        Assert.Equal("alert", json.GetProperty("notification_type").GetString());
        Assert.Equal("Disk full", json.GetProperty("message").GetString());
        Assert.Equal("high", json.GetProperty("data").GetProperty("Level").GetString());
        Assert.Equal(9, json.GetProperty("seq").GetInt64());
    }

    [Fact]
    public void Serialize_WhenSubscriptionWithoutNotificationTypes_ShouldOmitThem()
    {
        AssertJson("""{"type":"subscription","topic":"notes","status":"subscribed"}""", new SubscriptionMessage("notes", SubscriptionMessage.Subscribed));
        AssertJson(
            """{"type":"subscription","topic":"notifications","status":"subscribed","notification_types":["a"]}""",
            new SubscriptionMessage("notifications", SubscriptionMessage.Subscribed) { NotificationTypes = ["a"] });
    }

    [Theory]
    [MemberData(nameof(TypedMessages))]
    public void Serialize_WhenAnyServerMessage_ShouldWriteItsSnakeCaseType(WebSocketMessage message, string type)
    {
        Assert.Equal(type, Json(message).GetProperty("type").GetString());
    }

    public static TheoryData<WebSocketMessage, string> TypedMessages() => new()
    {
        { new HeartbeatReplyMessage(), "heartbeat" },
        { new HeartbeatMessage(Utc), "heartbeat" },
        { new NotificationUpdateMessage(new NotificationUpdateData(Guid.Empty, "read")), "notification_update" },
        { new UnreadNotificationsMessage(0, []), "unread_notifications" },
        { new ResumedMessage(1, 2, 1, true), "resumed" },
        { new PongMessage(), "pong" },
    };

    [Fact]
    public void Serialize_WhenResumed_ShouldWriteSnakeCaseFields()
    {
        AssertJson("""{"type":"resumed","from_seq":1200,"to_seq":1236,"replayed":7,"complete":false}""", new ResumedMessage(1200, 1236, 7, false));
    }

    /// <summary>Property order is not part of the contract: compares the JSON values, not the text.</summary>
    private static void AssertJson(string expected, WebSocketMessage message)
    {
        using var want = JsonDocument.Parse(expected);
        var actual = Json(message);
        Assert.True(JsonElement.DeepEquals(want.RootElement, actual), $"Expected {expected}\nActual   {actual}");
    }

    private static JsonElement Json(WebSocketMessage message) => JsonDocument.Parse(MessageSerializer.Serialize(message)).RootElement.Clone();

    public sealed record ExtensionSnapshot(string WidgetName, int PartCount, DateTimeOffset SeenAt, string? Note);
}
