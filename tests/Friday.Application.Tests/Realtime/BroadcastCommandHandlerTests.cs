using System.Text.Json;
using Friday.Application.Realtime;
using Friday.Application.Tests.Support;
using Friday.Domain.Realtime.Messages;
using Moq;

namespace Friday.Application.Tests.Realtime;

/// <summary>The two public broadcasts: to one public topic's subscribers, and to everyone on <c>broadcast</c>.</summary>
public sealed class BroadcastCommandHandlerTests
{
    private readonly Mock<IBroadcastWriter> _broadcasts = new(MockBehavior.Strict);
    private readonly ManualClock _clock = new();
    private readonly List<(string Topic, WebSocketMessage Message)> _written = [];

    public BroadcastCommandHandlerTests() =>
        _broadcasts.Setup(b => b.WriteAsync(It.IsAny<string>(), It.IsAny<WebSocketMessage>(), It.IsAny<CancellationToken>()))
            .Callback<string, WebSocketMessage, CancellationToken>((t, m, _) => _written.Add((t, m)))
            .Returns(Task.CompletedTask);

    [Fact]
    public async Task PublishToTopic_ShouldWriteANotificationForThePublicTopic()
    {
        using var data = JsonDocument.Parse("""{"level":"high"}""");

        var result = await new PublishToTopicCommandHandler(_broadcasts.Object, _clock)
            .Handle(new PublishToTopicCommand("system_alerts", "alert", "Disk full", data.RootElement), CancellationToken.None);

        var notification = AssertWrittenOnce("system_alerts", "alert", "Disk full", result);
        Assert.Equal("high", Assert.IsType<JsonElement>(notification.Data).GetProperty("level").GetString());
    }

    [Fact]
    public async Task BroadcastToAll_ShouldWriteANotificationOnTheBroadcastTopic_WhichEveryConnectionHolds()
    {
        using var data = JsonDocument.Parse("""{"minutes":30}""");

        var result = await new BroadcastToAllCommandHandler(_broadcasts.Object, _clock)
            .Handle(new BroadcastToAllCommand("maintenance", "Down at 22:00", data.RootElement), CancellationToken.None);

        var notification = AssertWrittenOnce("broadcast", "maintenance", "Down at 22:00", result);
        Assert.Equal(30, Assert.IsType<JsonElement>(notification.Data).GetProperty("minutes").GetInt32());
    }

    private NotificationMessage AssertWrittenOnce(string topic, string type, string message, PublishResult result)
    {
        var (writtenTopic, written) = Assert.Single(_written);
        Assert.Equal(topic, writtenTopic);
        var notification = Assert.IsType<NotificationMessage>(written);
        Assert.Equal(topic, notification.Topic);
        Assert.Equal(type, notification.NotificationType);
        Assert.Equal(message, notification.Message);
        Assert.Equal(_clock.Now, notification.Timestamp);
        Assert.Equal(new PublishResult(topic), result);
        return notification;
    }
}
