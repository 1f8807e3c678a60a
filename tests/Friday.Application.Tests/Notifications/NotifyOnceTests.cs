using FluentValidation.TestHelper;
using Friday.Application.Notifications;
using Friday.Application.Notifications.Commands;
using Friday.Application.Realtime;
using Friday.Application.Tests.Support;
using Friday.Domain.Notifications;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Microsoft.EntityFrameworkCore;
using Moq;

namespace Friday.Application.Tests.Notifications;

public sealed class NotifyOnceTests : IDisposable
{
    private static readonly NotifyUsersCommand Request = new(["alice", "bob"], "Invoice paid", "Invoice 7 is paid", "billing");

    private readonly SqliteDatabase _database = new();
    private readonly ManualClock _clock = new();
    private readonly List<(Audience Audience, WebSocketMessage Message)> _events = [];
    private readonly Mock<IStreamOutbox> _outbox = new(MockBehavior.Strict);

    public NotifyOnceTests() =>
        _outbox.Setup(o => o.Add(It.IsAny<Audience>(), It.IsAny<WebSocketMessage>(), null))
            .Callback<Audience, WebSocketMessage, Guid?>((a, m, _) => _events.Add((a, m)));

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task SameKeyTwice_ShouldNotifyOnce_AndAnswerFalseTheSecondTime()
    {
        var first = await HandleAsync(new NotifyOnceCommand("amqp:invoice-7", Request));
        var second = await HandleAsync(new NotifyOnceCommand("amqp:invoice-7", Request));

        Assert.True(first);
        Assert.False(second);
        await using var db = _database.CreateContext();
        Assert.Equal(["alice", "bob"], await db.Notifications.OrderBy(n => n.UserId).Select(n => n.UserId).ToListAsync());
        Assert.Equal(["amqp:invoice-7"], await db.HandledRequests.Select(r => r.Key).ToListAsync());
    }

    [Fact]
    public async Task DifferentKeys_ShouldEachNotify()
    {
        await HandleAsync(new NotifyOnceCommand("amqp:a", Request));
        await HandleAsync(new NotifyOnceCommand("amqp:b", Request));

        await using var db = _database.CreateContext();
        Assert.Equal(4, await db.Notifications.CountAsync());
    }

    [Fact]
    public async Task NoKey_ShouldNotifyEveryTime_AndStoreNoKey()
    {
        Assert.True(await HandleAsync(new NotifyOnceCommand(null, Request)));
        Assert.True(await HandleAsync(new NotifyOnceCommand(null, Request)));

        await using var db = _database.CreateContext();
        Assert.Equal(4, await db.Notifications.CountAsync());
        Assert.Empty(await db.HandledRequests.ToListAsync());
    }

    [Fact]
    public async Task TopicBroadcastWithTheSameKeyTwice_ShouldStageOneNotificationOnThePublicTopic_WithTheKey()
    {
        var broadcast = new PublishToTopicCommand("system_alerts", "alert", "Disk full", null);

        Assert.True(await HandleAsync(new NotifyOnceCommand("amqp:alert-1", broadcast)));
        Assert.False(await HandleAsync(new NotifyOnceCommand("amqp:alert-1", broadcast)));

        var (audience, message) = Assert.Single(_events);
        Assert.Null(audience.UserId);
        Assert.Equal(["system_alerts"], audience.Topics);
        var notification = Assert.IsType<NotificationMessage>(message);
        Assert.Equal(("system_alerts", "alert", "Disk full", _clock.Now), (notification.Topic, notification.NotificationType, notification.Message, notification.Timestamp));
        await using var db = _database.CreateContext();
        Assert.Equal(["amqp:alert-1"], await db.HandledRequests.Select(r => r.Key).ToListAsync());
        Assert.Equal(0, await db.Notifications.CountAsync());
    }

    [Fact]
    public async Task BroadcastToAll_ShouldStageANotificationOnTheBroadcastTopic()
    {
        Assert.True(await HandleAsync(new NotifyOnceCommand("amqp:all-1", new BroadcastToAllCommand("maintenance", "Down at 22:00", null))));

        var (audience, message) = Assert.Single(_events);
        Assert.Null(audience.UserId);
        Assert.Equal([Topic.Broadcast], audience.Topics);
        Assert.Equal(Topic.Broadcast, Assert.IsType<NotificationMessage>(message).Topic);
    }

    [Fact]
    public async Task KeyCommittedByAnotherNodeBetweenTheLookAndTheCommit_ShouldAnswerTheRepeat_AndStoreNoNotification()
    {
        await using var racing = _database.CreateContext(new BeforeSave(async () =>
        {
            await using var other = _database.CreateContext();
            other.HandledRequests.Add(new HandledRequest("amqp:raced", DateTimeOffset.UtcNow));
            await other.SaveChangesAsync();
        }));

        var result = await new NotifyOnceCommandHandler(racing, _outbox.Object, _clock).Handle(new NotifyOnceCommand("amqp:raced", Request), CancellationToken.None);

        Assert.False(result);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Notifications.CountAsync());
    }

    [Fact]
    public async Task CommitFailingForAnotherReason_ShouldThrow_NotPassForARepeat()
    {
        await using var failing = _database.CreateContext(new BeforeSave(async () =>
        {
            await using var other = _database.CreateContext();
            await other.Database.ExecuteSqlRawAsync("DROP TABLE Notifications");
        }));

        await Assert.ThrowsAsync<DbUpdateException>(() =>
            new NotifyOnceCommandHandler(failing, _outbox.Object, _clock).Handle(new NotifyOnceCommand("amqp:failing", Request), CancellationToken.None));
    }

    [Fact]
    public async Task Purge_ShouldForgetKeysHandledBeforeTheCutOff_SoThatOnlyLaterOnesStillCount()
    {
        await using (var db = _database.CreateContext())
        {
            db.HandledRequests.Add(new HandledRequest("amqp:old", DateTimeOffset.UtcNow.AddDays(-100)));
            db.HandledRequests.Add(new HandledRequest("amqp:new", DateTimeOffset.UtcNow.AddDays(-1)));
            await db.SaveChangesAsync();
        }

        await using (var db = _database.CreateContext())
        {
            await new PurgeExpiredNotificationsCommandHandler(db).Handle(new PurgeExpiredNotificationsCommand(DateTimeOffset.UtcNow.AddDays(-90)), CancellationToken.None);
        }

        await using var after = _database.CreateContext();
        Assert.Equal(["amqp:new"], await after.HandledRequests.Select(r => r.Key).ToListAsync());
    }

    [Fact]
    public void Validator_WhenKeyIsBlank_ShouldFailOnKey_ButNoKeyIsValid()
    {
        Validator().TestValidate(new NotifyOnceCommand(string.Empty, Request)).ShouldHaveValidationErrorFor(c => c.Key);
        Validator().TestValidate(new NotifyOnceCommand(null, Request)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validator_WhenKeyIsTooLong_ShouldFailOnKey_AndCheckTheRequestAsNotifyUsersDoes()
    {
        var result = Validator().TestValidate(new NotifyOnceCommand(new string('k', HandledRequest.KeyMaxLength + 1), Request with { UserIds = [] }));

        result.ShouldHaveValidationErrorFor(c => c.Key);
        result.ShouldHaveValidationErrorFor("UserIds").WithErrorMessage("'user_ids' must name at least one user.");
    }

    [Theory]
    [InlineData("notes")]
    [InlineData("notifications")]
    [InlineData("note:1")]
    [InlineData("broadcast")]
    [InlineData("Not A Topic")]
    public void Validator_WhenTheTopicIsNotAPublicOne_ShouldFailOnTopic_AsPublishToTopicDoes(string topic)
    {
        Validator().TestValidate(new NotifyOnceCommand("amqp:t", new PublishToTopicCommand(topic, "alert", "m", null))).ShouldHaveValidationErrorFor("Topic");
    }

    [Fact]
    public void Validator_WhenABroadcastHasNoType_ShouldFailOnType_AsTheBroadcastCommandsDo()
    {
        Validator().TestValidate(new NotifyOnceCommand("amqp:t", new BroadcastToAllCommand(string.Empty, "m", null))).ShouldHaveValidationErrorFor("Type");
        Validator().TestValidate(new NotifyOnceCommand("amqp:t", new PublishToTopicCommand("system_alerts", string.Empty, "m", null))).ShouldHaveValidationErrorFor("Type");
        Validator().TestValidate(new NotifyOnceCommand("amqp:t", new PublishToTopicCommand("system_alerts", "alert", "m", null))).ShouldNotHaveAnyValidationErrors();
    }

    private static NotifyOnceCommandValidator Validator() => new(Mock.Of<IEmailDelivery>());

    private async Task<bool> HandleAsync(NotifyOnceCommand command)
    {
        await using var db = _database.CreateContext();
        return await new NotifyOnceCommandHandler(db, _outbox.Object, _clock).Handle(command, CancellationToken.None);
    }
}
