using System.Text.Json;
using Friday.Application.Realtime;
using Friday.Application.Tests.Support;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Moq;

namespace Friday.Application.Tests.Realtime;

public sealed class PublishToTopicCommandHandlerTests : IDisposable
{
    private readonly SqliteConnection _connection = new("DataSource=:memory:");
    private readonly TestDbContext _db;

    public PublishToTopicCommandHandlerTests()
    {
        _connection.Open();
        _db = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>().UseSqlite(_connection).Options);
        _db.Database.EnsureCreated();
    }

    public void Dispose()
    {
        _db.Dispose();
        _connection.Dispose();
    }

    [Fact]
    public async Task Handle_WhenPublishing_ShouldWriteANotificationForThePublicTopicToTheOutbox()
    {
        var outbox = new Mock<IStreamOutbox>(MockBehavior.Strict);
        var clock = new ManualClock();
        Audience? audience = null;
        WebSocketMessage? message = null;
        outbox.Setup(o => o.Add(It.IsAny<Audience>(), It.IsAny<WebSocketMessage>(), null))
            .Callback<Audience, WebSocketMessage, Guid?>((a, m, _) => (audience, message) = (a, m));
        using var data = JsonDocument.Parse("""{"level":"high"}""");
        var handler = new PublishToTopicCommandHandler(outbox.Object, _db, clock);

        var result = await handler.Handle(new PublishToTopicCommand("system_alerts", "alert", "Disk full", data.RootElement), CancellationToken.None);

        outbox.Verify(o => o.Add(It.IsAny<Audience>(), It.IsAny<WebSocketMessage>(), null), Times.Once);
        Assert.NotNull(audience);
        Assert.Null(audience.UserId);
        Assert.Equal(["system_alerts"], audience.Topics);
        var notification = Assert.IsType<NotificationMessage>(message);
        Assert.Equal("system_alerts", notification.Topic);
        Assert.Equal("alert", notification.NotificationType);
        Assert.Equal("Disk full", notification.Message);
        Assert.Equal(clock.Now, notification.Timestamp);
        Assert.Equal("high", Assert.IsType<JsonElement>(notification.Data).GetProperty("level").GetString());
        Assert.Equal(new PublishResult("system_alerts"), result);
    }
}
