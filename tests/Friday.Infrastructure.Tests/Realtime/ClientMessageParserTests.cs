using System.Text;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Realtime.Inbound;

namespace Friday.Infrastructure.Tests.Realtime;

public sealed class ClientMessageParserTests
{
    [Theory]
    [InlineData("ping", WebSocketMessageType.Ping)]
    [InlineData("heartbeat", WebSocketMessageType.Heartbeat)]
    [InlineData("get_unread_count", WebSocketMessageType.GetUnreadCount)]
    [InlineData("get_unread", WebSocketMessageType.GetUnread)]
    public void Parse_WhenTypeNeedsNoFields_ShouldReturnTheType(string type, WebSocketMessageType expected)
    {
        var message = Parse($$"""{"type":"{{type}}"}""");

        Assert.Equal(expected, message.Type);
        Assert.Null(message.Id);
    }

    [Fact]
    public void Parse_WhenSubscribeWithTopic_ShouldReturnTheTopic()
    {
        var message = Parse("""{"type":"subscribe","topic":"notes"}""");

        Assert.Equal(WebSocketMessageType.Subscribe, message.Type);
        Assert.Equal(["notes"], message.Topics);
        Assert.Null(message.NotificationTypes);
    }

    [Fact]
    public void Parse_WhenUnsubscribeWithTopics_ShouldReturnThemInOrder()
    {
        var message = Parse("""{"type":"unsubscribe","topics":["b","a"]}""");

        Assert.Equal(WebSocketMessageType.Unsubscribe, message.Type);
        Assert.Equal(["b", "a"], message.Topics);
    }

    [Fact]
    public void Parse_WhenSubscribeWithTopicAndTopics_ShouldReturnBoth()
    {
        var message = Parse("""{"type":"subscribe","topic":"a","topics":["b"]}""");

        Assert.Equal(["a", "b"], message.Topics);
    }

    [Fact]
    public void Parse_WhenSubscribeWithNotificationTypesOnly_ShouldReturnThemAndNoTopics()
    {
        var message = Parse("""{"type":"subscribe","notification_types":["task_reminder","alert"]}""");

        Assert.Empty(message.Topics);
        Assert.Equal(["task_reminder", "alert"], message.NotificationTypes);
    }

    [Fact]
    public void Parse_WhenSubscribeWithEmptyNotificationTypes_ShouldReturnAnEmptyFilter()
    {
        var message = Parse("""{"type":"subscribe","notification_types":[]}""");

        Assert.NotNull(message.NotificationTypes);
        Assert.Empty(message.NotificationTypes);
    }

    [Theory]
    [InlineData("""{"type":"subscribe"}""")]
    [InlineData("""{"type":"unsubscribe","topics":[]}""")]
    [InlineData("""{"type":"subscribe","topics":"notes"}""")]
    [InlineData("""{"type":"subscribe","topics":{"a":1}}""")]
    [InlineData("""{"type":"subscribe","topics":["a",1]}""")]
    [InlineData("""{"type":"subscribe","topics":[null]}""")]
    [InlineData("""{"type":"subscribe","topic":5}""")]
    [InlineData("""{"type":"subscribe","topic":null}""")]
    [InlineData("""{"type":"subscribe","notification_types":"alert"}""")]
    [InlineData("""{"type":"subscribe","notification_types":[""]}""")]
    [InlineData("""{"type":"subscribe","notification_types":[true]}""")]
    public void Parse_WhenSubscriptionFieldsMissingOrMisshapen_ShouldFailWithInvalidMessage(string json)
    {
        var ex = AssertFails(json, ErrorCodes.InvalidMessage);

        Assert.Null(ex.ReplyTo);
    }

    [Fact]
    public void Parse_WhenNotificationTypeLongerThan64_ShouldFailWithInvalidMessage()
    {
        AssertFails($$"""{"type":"subscribe","notification_types":["{{new string('t', 65)}}"]}""", ErrorCodes.InvalidMessage);
        Assert.Equal([new string('t', 64)], Parse($$"""{"type":"subscribe","notification_types":["{{new string('t', 64)}}"]}""").NotificationTypes);
    }

    [Theory]
    [InlineData("topics")]
    [InlineData("notification_types")]
    public void Parse_WhenListHoldsMoreThan100Entries_ShouldFailWithInvalidMessage(string field)
    {
        var hundred = string.Join(',', Enumerable.Range(0, 100).Select(i => $"\"t{i}\""));
        var hundredOne = string.Join(',', Enumerable.Range(0, 101).Select(i => $"\"t{i}\""));

        Assert.Equal(100, field == "topics"
            ? Parse($$"""{"type":"subscribe","{{field}}":[{{hundred}}]}""").Topics.Count
            : Parse($$"""{"type":"subscribe","{{field}}":[{{hundred}}]}""").NotificationTypes!.Count);
        var ex = AssertFails($$"""{"type":"subscribe","id":"x","{{field}}":[{{hundredOne}}]}""", ErrorCodes.InvalidMessage);
        Assert.Equal(MessageId.Text("x"), ex.ReplyTo);
    }

    [Fact]
    public void Parse_WhenIdGiven_ShouldEchoIt()
    {
        Assert.Equal(MessageId.Text("abc-1"), Parse("""{"type":"ping","id":"abc-1"}""").Id);
    }

    [Fact]
    public void Parse_WhenIdNull_ShouldTreatItAsAbsent()
    {
        Assert.Null(Parse("""{"type":"ping","id":null}""").Id);
    }

    [Fact]
    public void Parse_WhenId128Characters_ShouldAcceptIt()
    {
        var id = new string('i', 128);

        Assert.Equal(MessageId.Text(id), Parse($$"""{"type":"ping","id":"{{id}}"}""").Id);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("0")]
    [InlineData("-12")]
    [InlineData("1.50")]
    [InlineData("6.02e23")]
    [InlineData("123456789012345678901234567890")]
    public void Parse_WhenIdIsANumber_ShouldKeepItAsTheNumberSent(string number)
    {
        var id = Parse($$"""{"type":"ping","id":{{number}}}""").Id;

        Assert.Equal(MessageId.Number(number), id);
        Assert.True(id!.IsNumber);
    }

    [Fact]
    public void Parse_WhenIdIsANumber_ShouldEchoItOnAnError()
    {
        Assert.Equal(MessageId.Number("42"), AssertFails("""{"type":"teleport","id":42}""", ErrorCodes.UnknownMessageType).ReplyTo);
    }

    [Theory]
    [InlineData("""{"type":"ping","id":true}""")]
    [InlineData("""{"type":"ping","id":false}""")]
    [InlineData("""{"type":"ping","id":{}}""")]
    [InlineData("""{"type":"ping","id":{"n":1}}""")]
    [InlineData("""{"type":"ping","id":["a"]}""")]
    [InlineData("""{"type":"ping","id":[]}""")]
    public void Parse_WhenIdIsNeitherAStringNorANumber_ShouldFailWithInvalidMessage(string json)
    {
        var ex = AssertFails(json, ErrorCodes.InvalidMessage);

        Assert.Null(ex.ReplyTo);
    }

    [Fact]
    public void Parse_WhenIdLongerThan128_ShouldFailWithInvalidMessage()
    {
        Assert.Null(AssertFails($$"""{"type":"ping","id":"{{new string('i', 129)}}"}""", ErrorCodes.InvalidMessage).ReplyTo);
        Assert.Null(AssertFails($$"""{"type":"ping","id":{{new string('9', 129)}}}""", ErrorCodes.InvalidMessage).ReplyTo);
        Assert.Equal(MessageId.Number(new string('9', 128)), Parse($$"""{"type":"ping","id":{{new string('9', 128)}}}""").Id);
    }

    [Theory]
    [InlineData("""{"type":"ping","id":"r"}""", "r", false)]
    [InlineData("""{"id":7,"type":"subscribe","topics":["a","b"]}""", "7", true)]
    [InlineData("""{"type":"x","nested":{"id":"inner"},"list":[{"id":1}],"id":"outer"}""", "outer", false)]
    [InlineData("""{"id":"first","id":"last"}""", "last", false)]
    [InlineData("""{"\u0069d":"escaped"}""", "escaped", false)]
    [InlineData("""{"type":"ping","id":-0.5e3,"pad":"xxxx"}""", "-0.5e3", true)]
    public void PeekId_ShouldFindTheTopLevelIdAsTheFullParseWould(string json, string value, bool isNumber)
    {
        var id = ClientMessageParser.PeekId(Encoding.UTF8.GetBytes(json));

        Assert.Equal(isNumber ? MessageId.Number(value) : MessageId.Text(value), id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"id\":")]
    [InlineData("[{\"id\":\"a\"}]")]
    [InlineData("\"id\"")]
    [InlineData("{\"type\":\"ping\"}")]
    [InlineData("{\"id\":true}")]
    [InlineData("{\"id\":{\"a\":1}}")]
    [InlineData("{\"id\":null}")]
    [InlineData("{'id':'single'}")]
    public void PeekId_WhenThereIsNoUsableId_ShouldReturnNull(string text)
    {
        Assert.Null(ClientMessageParser.PeekId(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void PeekId_WhenTheInputIsHostile_ShouldReturnNullWithoutThrowing()
    {
        Assert.Null(ClientMessageParser.PeekId([0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]));
        Assert.Null(ClientMessageParser.PeekId(Encoding.UTF8.GetBytes("{\"x\":" + new string('[', 10_000))));
        Assert.Null(ClientMessageParser.PeekId(Encoding.UTF8.GetBytes($$"""{"id":"{{new string('i', 129)}}"}""")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"type\":\"ping\"")]
    [InlineData("{'type':'ping'}")]
    [InlineData("{\"type\":\"ping\",}")]
    [InlineData("{\"type\":\"ping\"} trailing")]
    [InlineData("nul")]
    public void Parse_WhenNotJson_ShouldFailWithInvalidJson(string text)
    {
        AssertFails(text, ErrorCodes.InvalidJson);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"type\":\"ping\"}]")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("\"ping\"")]
    [InlineData("true")]
    public void Parse_WhenRootIsNotAnObject_ShouldFailWithInvalidMessage(string json)
    {
        AssertFails(json, ErrorCodes.InvalidMessage);
    }

    [Theory]
    [InlineData("""{"id":"r1"}""")]
    [InlineData("""{"id":"r1","type":null}""")]
    [InlineData("""{"id":"r1","type":1}""")]
    [InlineData("""{"id":"r1","type":["ping"]}""")]
    public void Parse_WhenTypeMissingOrNotAString_ShouldFailWithInvalidMessageAndEchoTheId(string json)
    {
        var ex = AssertFails(json, ErrorCodes.InvalidMessage);

        Assert.Equal(MessageId.Text("r1"), ex.ReplyTo);
    }

    [Theory]
    [InlineData("teleport")]
    [InlineData("PING")]
    [InlineData("")]
    [InlineData("connection")]
    [InlineData("data_changed")]
    public void Parse_WhenTypeUnknown_ShouldFailWithUnknownMessageTypeAndEchoTheId(string type)
    {
        var ex = AssertFails($$"""{"type":"{{type}}","id":"r2"}""", ErrorCodes.UnknownMessageType);

        Assert.Equal(MessageId.Text("r2"), ex.ReplyTo);
    }

    [Fact]
    public void Parse_WhenUnknownTypeIsVeryLong_ShouldTruncateItInTheMessage()
    {
        var ex = AssertFails($$"""{"type":"{{new string('x', 5000)}}"}""", ErrorCodes.UnknownMessageType);

        Assert.True(ex.Message.Length < 200, ex.Message);
    }

    [Fact]
    public void Parse_WhenGetUnreadWithoutLimit_ShouldDefaultTo10()
    {
        Assert.Equal(10, Parse("""{"type":"get_unread"}""").Limit);
        Assert.Equal(10, Parse("""{"type":"get_unread","limit":null}""").Limit);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(55)]
    [InlineData(100)]
    public void Parse_WhenGetUnreadLimitInRange_ShouldReturnIt(int limit)
    {
        Assert.Equal(limit, Parse($$"""{"type":"get_unread","limit":{{limit}}}""").Limit);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("2.5")]
    [InlineData("\"10\"")]
    [InlineData("true")]
    [InlineData("[10]")]
    [InlineData("99999999999")]
    public void Parse_WhenGetUnreadLimitOutOfRangeOrWrongType_ShouldFailWithInvalidMessage(string limit)
    {
        var ex = AssertFails($$"""{"type":"get_unread","id":"q","limit":{{limit}}}""", ErrorCodes.InvalidMessage);

        Assert.Equal(MessageId.Text("q"), ex.ReplyTo);
    }

    [Fact]
    public void Parse_WhenMarkReadWithNotificationId_ShouldReturnIt()
    {
        var message = Parse("""{"type":"mark_read","notification_id":"n-1"}""");

        Assert.Equal(WebSocketMessageType.MarkRead, message.Type);
        Assert.Equal("n-1", message.NotificationId);
    }

    [Theory]
    [InlineData("""{"type":"mark_read"}""")]
    [InlineData("""{"type":"mark_read","notification_id":""}""")]
    [InlineData("""{"type":"mark_read","notification_id":7}""")]
    [InlineData("""{"type":"mark_read","notification_id":null}""")]
    public void Parse_WhenMarkReadWithoutNotificationId_ShouldFailWithInvalidMessage(string json)
    {
        AssertFails(json, ErrorCodes.InvalidMessage);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1234L)]
    [InlineData(long.MaxValue)]
    public void Parse_WhenResumeWithLastSeq_ShouldReturnIt(long seq)
    {
        var message = Parse($$"""{"type":"resume","last_seq":{{seq}}}""");

        Assert.Equal(WebSocketMessageType.Resume, message.Type);
        Assert.Equal(seq, message.LastSeq);
    }

    [Theory]
    [InlineData("""{"type":"resume"}""")]
    [InlineData("""{"type":"resume","last_seq":-1}""")]
    [InlineData("""{"type":"resume","last_seq":1.5}""")]
    [InlineData("""{"type":"resume","last_seq":"12"}""")]
    [InlineData("""{"type":"resume","last_seq":null}""")]
    [InlineData("""{"type":"resume","last_seq":99999999999999999999}""")]
    public void Parse_WhenResumeLastSeqMissingNegativeOrNotAWholeNumber_ShouldFailWithInvalidMessage(string json)
    {
        AssertFails(json, ErrorCodes.InvalidMessage);
    }

    [Fact]
    public void Parse_WhenAuthWithToken_ShouldReturnIt()
    {
        var message = Parse("""{"type":"auth","token":"abc.def.ghi"}""");

        Assert.Equal(WebSocketMessageType.Auth, message.Type);
        Assert.Equal("abc.def.ghi", message.Token);
        AssertFails("""{"type":"auth"}""", ErrorCodes.InvalidMessage);
    }

    [Fact]
    public void Parse_WhenNestingIs16Deep_ShouldAcceptIt()
    {
        var nested = new string('[', 15) + new string(']', 15);

        Assert.Equal(WebSocketMessageType.Ping, Parse($$"""{"type":"ping","x":{{nested}}}""").Type);
    }

    [Fact]
    public void Parse_WhenNestingDeeperThan16_ShouldFailWithInvalidJson()
    {
        var nested = new string('[', 16) + new string(']', 16);

        AssertFails($$"""{"type":"ping","x":{{nested}}}""", ErrorCodes.InvalidJson);
        AssertFails(new string('[', 10_000), ErrorCodes.InvalidJson);
    }

    [Theory]
    [InlineData(new byte[] { 0xFE, 0xFF })]
    [InlineData(new byte[] { 0x7B, 0xFF, 0x7D })]
    [InlineData(new byte[] { 0x7B, 0x22, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x70, 0x69, 0x6E, 0x67, 0x22, 0x7D, 0xC3 })]
    public void Parse_WhenBytesOutsideStringsAreNotUtf8_ShouldFailWithInvalidJson(byte[] bytes)
    {
        var ex = Assert.Throws<ClientMessageParseException>(() => ClientMessageParser.Parse(bytes));

        Assert.Equal(ErrorCodes.InvalidJson, ex.Code);
    }

    // {"type":"<bad>"} and {"type":"ping","id":"<bad>"} and {"type":"subscribe","topic":"<bad>"}
    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D })]
    [InlineData(new byte[] { 0x7B, 0x22, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0xC3, 0x22, 0x7D })]
    [InlineData(new byte[] { 0x7B, 0x22, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D })]
    [InlineData(new byte[] { 0x7B, 0x22, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x70, 0x69, 0x6E, 0x67, 0x22, 0x2C, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D })]
    public void Parse_WhenStringValueIsNotUtf8_ShouldFailWithInvalidJson(byte[] bytes)
    {
        var ex = Assert.Throws<ClientMessageParseException>(() => ClientMessageParser.Parse(bytes));

        Assert.Equal(ErrorCodes.InvalidJson, ex.Code);
    }

    [Theory]
    [InlineData("""{"type":"a\uD800b"}""")]
    [InlineData("""{"type":"ping","id":"\uDC00"}""")]
    [InlineData("""{"type":"subscribe","topics":["\uD800"]}""")]
    public void Parse_WhenStringHoldsALoneSurrogateEscape_ShouldFailWithAParseException(string json)
    {
        var ex = Assert.Throws<ClientMessageParseException>(() => Parse(json));

        Assert.Contains(ex.Code, new[] { ErrorCodes.InvalidJson, ErrorCodes.InvalidMessage });
    }

    [Fact]
    public void Parse_WhenUnknownFieldsPresent_ShouldIgnoreThem()
    {
        Assert.Equal(WebSocketMessageType.Ping, Parse("""{"type":"ping","extra":{"a":[1,2,3]},"more":null}""").Type);
    }

    [Fact]
    public void Parse_WhenEscapedStrings_ShouldUnescapeThem()
    {
        var message = Parse("""{"type":"subscribe","id":"\u0041","topic":"n\u006ftes"}""");

        Assert.Equal(MessageId.Text("A"), message.Id);
        Assert.Equal(["notes"], message.Topics);
    }

    private static ClientMessage Parse(string json) => ClientMessageParser.Parse(Encoding.UTF8.GetBytes(json));

    private static ClientMessageParseException AssertFails(string json, string code)
    {
        var ex = Assert.Throws<ClientMessageParseException>(() => Parse(json));
        Assert.Equal(code, ex.Code);
        return ex;
    }
}
