using System.Text.Json;
using Friday.Application.Realtime;
using Friday.Application.Tests.Support;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Moq;

namespace Friday.Application.Tests.Realtime;

public sealed class PublishToTopicCommandHandlerTests
{
    [Fact]
    public async Task Handle_WhenPublishing_ShouldSendANotificationToThePublicTopicAudience()
    {
        var sockets = new Mock<IWebSocketManager>(MockBehavior.Strict);
        var sequence = new Mock<IStreamSequence>(MockBehavior.Strict);
        var clock = new ManualClock();
        Audience? audience = null;
        WebSocketMessage? message = null;
        sequence.Setup(s => s.Issue()).Returns(7);
        sockets.Setup(s => s.SendToAudience(It.IsAny<Audience>(), It.IsAny<WebSocketMessage>()))
            .Callback<Audience, WebSocketMessage>((a, m) => (audience, message) = (a, m))
            .Returns(3);
        using var data = JsonDocument.Parse("""{"level":"high"}""");
        var handler = new PublishToTopicCommandHandler(sockets.Object, sequence.Object, clock);

        var result = await handler.Handle(new PublishToTopicCommand("system_alerts", "alert", "Disk full", data.RootElement), CancellationToken.None);

        sockets.Verify(s => s.SendToAudience(It.IsAny<Audience>(), It.IsAny<WebSocketMessage>()), Times.Once);
        Assert.NotNull(audience);
        Assert.Null(audience.UserId);
        Assert.Equal(["system_alerts"], audience.Topics);
        var notification = Assert.IsType<NotificationMessage>(message);
        Assert.Equal(7, notification.Seq);
        Assert.Equal("system_alerts", notification.Topic);
        Assert.Equal("alert", notification.NotificationType);
        Assert.Equal("Disk full", notification.Message);
        Assert.Equal(clock.Now, notification.Timestamp);
        Assert.Equal("high", Assert.IsType<JsonElement>(notification.Data).GetProperty("level").GetString());
        Assert.Equal(new PublishResult(7, "system_alerts", 3), result);
    }

    [Fact]
    public async Task Handle_WhenNoData_ShouldSendNullData()
    {
        var sockets = new Mock<IWebSocketManager>();
        var sequence = new Mock<IStreamSequence>();
        WebSocketMessage? message = null;
        sockets.Setup(s => s.SendToAudience(It.IsAny<Audience>(), It.IsAny<WebSocketMessage>()))
            .Callback<Audience, WebSocketMessage>((_, m) => message = m);
        var handler = new PublishToTopicCommandHandler(sockets.Object, sequence.Object, new ManualClock());

        var result = await handler.Handle(new PublishToTopicCommand("system_status", "status", "ok", null), CancellationToken.None);

        Assert.Null(Assert.IsType<NotificationMessage>(message).Data);
        Assert.Equal(0, result.Delivered);
    }
}
