using System.Text.Json;
using Friday.Application.Realtime;
using Friday.Application.Tests.Support;
using Friday.Domain.Realtime.Messages;
using Moq;

namespace Friday.Application.Tests.Realtime;

public sealed class PublishToTopicCommandHandlerTests
{
    [Fact]
    public async Task Handle_WhenPublishing_ShouldWriteANotificationForThePublicTopicToTheOutbox()
    {
        var broadcasts = new Mock<IBroadcastWriter>(MockBehavior.Strict);
        var clock = new ManualClock();
        string? topic = null;
        WebSocketMessage? message = null;
        broadcasts.Setup(b => b.WriteAsync(It.IsAny<string>(), It.IsAny<WebSocketMessage>(), It.IsAny<CancellationToken>()))
            .Callback<string, WebSocketMessage, CancellationToken>((t, m, _) => (topic, message) = (t, m))
            .Returns(Task.CompletedTask);
        using var data = JsonDocument.Parse("""{"level":"high"}""");
        var handler = new PublishToTopicCommandHandler(broadcasts.Object, clock);

        var result = await handler.Handle(new PublishToTopicCommand("system_alerts", "alert", "Disk full", data.RootElement), CancellationToken.None);

        broadcasts.Verify(b => b.WriteAsync(It.IsAny<string>(), It.IsAny<WebSocketMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal("system_alerts", topic);
        var notification = Assert.IsType<NotificationMessage>(message);
        Assert.Equal("system_alerts", notification.Topic);
        Assert.Equal("alert", notification.NotificationType);
        Assert.Equal("Disk full", notification.Message);
        Assert.Equal(clock.Now, notification.Timestamp);
        Assert.Equal("high", Assert.IsType<JsonElement>(notification.Data).GetProperty("level").GetString());
        Assert.Equal(new PublishResult("system_alerts"), result);
    }
}
