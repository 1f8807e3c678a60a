using FluentValidation.TestHelper;
using Friday.Application.Notifications;
using Friday.Application.Notifications.Commands;
using Friday.Application.Tests.Support;
using Friday.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Moq;

namespace Friday.Application.Tests.Notifications;

public sealed class NotifyUsersOnceTests : IDisposable
{
    private static readonly NotifyUsersCommand Request = new(["alice", "bob"], "Invoice paid", "Invoice 7 is paid", "billing");

    private readonly SqliteDatabase _database = new();
    private readonly TimeProvider _clock = TimeProvider.System;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task SameKeyTwice_ShouldNotifyOnce_AndAnswerNullTheSecondTime()
    {
        var first = await HandleAsync(new NotifyUsersOnceCommand("amqp:invoice-7", Request));
        var second = await HandleAsync(new NotifyUsersOnceCommand("amqp:invoice-7", Request));

        Assert.NotNull(first);
        Assert.Equal(["alice", "bob"], first.Notifications.Select(n => n.UserId));
        Assert.Null(second);
        await using var db = _database.CreateContext();
        Assert.Equal(2, await db.Notifications.CountAsync());
        Assert.Equal(["amqp:invoice-7"], await db.HandledRequests.Select(r => r.Key).ToListAsync());
    }

    [Fact]
    public async Task DifferentKeys_ShouldEachNotify()
    {
        await HandleAsync(new NotifyUsersOnceCommand("amqp:a", Request));
        await HandleAsync(new NotifyUsersOnceCommand("amqp:b", Request));

        await using var db = _database.CreateContext();
        Assert.Equal(4, await db.Notifications.CountAsync());
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

        var result = await new NotifyUsersOnceCommandHandler(racing, _clock).Handle(new NotifyUsersOnceCommand("amqp:raced", Request), CancellationToken.None);

        Assert.Null(result);
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
            new NotifyUsersOnceCommandHandler(failing, _clock).Handle(new NotifyUsersOnceCommand("amqp:failing", Request), CancellationToken.None));
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

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Validator_WhenKeyIsBlank_ShouldFailOnKey(string? key)
    {
        Validator().TestValidate(new NotifyUsersOnceCommand(key!, Request)).ShouldHaveValidationErrorFor(c => c.Key);
    }

    [Fact]
    public void Validator_WhenKeyIsTooLong_ShouldFailOnKey_AndCheckTheRequestAsNotifyUsersDoes()
    {
        var result = Validator().TestValidate(new NotifyUsersOnceCommand(new string('k', HandledRequest.KeyMaxLength + 1), Request with { UserIds = [] }));

        result.ShouldHaveValidationErrorFor(c => c.Key);
        result.ShouldHaveValidationErrorFor("UserIds").WithErrorMessage("'user_ids' must name at least one user.");
    }

    private static NotifyUsersOnceCommandValidator Validator() => new(Mock.Of<IEmailDelivery>());

    private async Task<NotifyUsersResult?> HandleAsync(NotifyUsersOnceCommand command)
    {
        await using var db = _database.CreateContext();
        return await new NotifyUsersOnceCommandHandler(db, _clock).Handle(command, CancellationToken.None);
    }
}
