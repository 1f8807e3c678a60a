using Friday.Application.Activities.Commands;
using Friday.Application.Activities.Queries;
using Friday.Application.Common.Exceptions;
using Friday.Application.Tests.Support;
using Friday.Domain.Activities;
using Friday.Domain.Common;
using Friday.Domain.Notes;
using Friday.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Tests.Activities;

public sealed class ActivityHandlerTests : IDisposable
{
    private readonly SqliteDatabase _database = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task LogActivity_WhenSubjectIsOwnNote_ShouldPersistTheActivity()
    {
        var noteId = await SeedNoteAsync("alice");
        var occurred = _clock.Now.AddHours(-2);
        await using var db = _database.CreateContext();

        var dto = await new LogActivityCommandHandler(db, _clock).Handle(
            new LogActivityCommand("alice", "note", noteId, "commented", "Nice", occurred), CancellationToken.None);

        await using var check = _database.CreateContext();
        var stored = await check.Activities.SingleAsync();
        Assert.Equal(dto.Id, stored.Id);
        Assert.Equal(ActivitySubject.Note, stored.SubjectType);
        Assert.Equal(noteId, stored.SubjectId);
        Assert.Equal("commented", stored.Action);
        Assert.Equal("Nice", stored.Description);
        Assert.Equal(occurred, stored.OccurredAt);
        Assert.Equal("alice", stored.OwnerId);
        Assert.Equal("note", dto.SubjectType);
    }

    [Fact]
    public async Task LogActivity_WhenSubjectIsOwnTask_ShouldPersistWithTaskSubject()
    {
        var taskId = await SeedTaskAsync("alice");
        await using var db = _database.CreateContext();

        var dto = await new LogActivityCommandHandler(db, _clock).Handle(
            new LogActivityCommand("alice", "task", taskId, "shared", null, null), CancellationToken.None);

        await using var check = _database.CreateContext();
        var stored = await check.Activities.SingleAsync();
        Assert.Equal(ActivitySubject.Task, stored.SubjectType);
        Assert.Equal(_clock.Now, stored.OccurredAt);
        Assert.Equal("task", dto.SubjectType);
    }

    [Fact]
    public async Task LogActivity_WhenNoteBelongsToAnotherUser_ShouldThrowNotFoundAndLogNothing()
    {
        var noteId = await SeedNoteAsync("bob");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<NotFoundException>(() => new LogActivityCommandHandler(db, _clock).Handle(
            new LogActivityCommand("alice", "note", noteId, "commented", null, null), CancellationToken.None));

        await using var check = _database.CreateContext();
        Assert.False(await check.Activities.AnyAsync());
    }

    [Fact]
    public async Task LogActivity_WhenTaskBelongsToAnotherUser_ShouldThrowNotFound()
    {
        var taskId = await SeedTaskAsync("bob");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<NotFoundException>(() => new LogActivityCommandHandler(db, _clock).Handle(
            new LogActivityCommand("alice", "task", taskId, "commented", null, null), CancellationToken.None));
    }

    [Fact]
    public async Task LogActivity_WhenSubjectTypeDoesNotMatchTheEntity_ShouldThrowNotFound()
    {
        var noteId = await SeedNoteAsync("alice");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<NotFoundException>(() => new LogActivityCommandHandler(db, _clock).Handle(
            new LogActivityCommand("alice", "task", noteId, "commented", null, null), CancellationToken.None));
    }

    [Fact]
    public async Task UpdateActivity_WhenVersionCurrent_ShouldPersistAndBumpVersion()
    {
        var id = await SeedActivityAsync("alice", Guid.NewGuid());
        _clock.Advance(TimeSpan.FromMinutes(1));
        await using var db = _database.CreateContext();

        var dto = await new UpdateActivityCommandHandler(db, _clock).Handle(new UpdateActivityCommand("alice", id, "edited", "D", 1), CancellationToken.None);

        await using var check = _database.CreateContext();
        var stored = await check.Activities.SingleAsync(a => a.Id == id);
        Assert.Equal("edited", stored.Action);
        Assert.Equal("D", stored.Description);
        Assert.Equal(2, stored.Version);
        Assert.Equal(_clock.Now, stored.UpdatedAt);
        Assert.Equal(2, dto.Version);
    }

    [Fact]
    public async Task UpdateActivity_WhenVersionStale_ShouldThrowConcurrencyConflict()
    {
        var id = await SeedActivityAsync("alice", Guid.NewGuid());
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => new UpdateActivityCommandHandler(db, _clock).Handle(new UpdateActivityCommand("alice", id, "edited", null, 4), CancellationToken.None));

        await using var check = _database.CreateContext();
        Assert.Equal("seeded", (await check.Activities.SingleAsync(a => a.Id == id)).Action);
    }

    [Fact]
    public async Task UpdateActivity_WhenAnotherUsersActivity_ShouldThrowNotFound()
    {
        var id = await SeedActivityAsync("bob", Guid.NewGuid());
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<NotFoundException>(
            () => new UpdateActivityCommandHandler(db, _clock).Handle(new UpdateActivityCommand("alice", id, "edited", null, null), CancellationToken.None));
    }

    [Fact]
    public async Task DeleteActivity_WhenOwnActivity_ShouldRemoveIt()
    {
        var id = await SeedActivityAsync("alice", Guid.NewGuid());
        await using var db = _database.CreateContext();

        await new DeleteActivityCommandHandler(db, _clock).Handle(new DeleteActivityCommand("alice", id, 1), CancellationToken.None);

        await using var check = _database.CreateContext();
        Assert.False(await check.Activities.AnyAsync());
    }

    [Fact]
    public async Task DeleteActivity_WhenAnotherUsersActivity_ShouldThrowNotFoundAndKeepIt()
    {
        var id = await SeedActivityAsync("bob", Guid.NewGuid());
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<NotFoundException>(
            () => new DeleteActivityCommandHandler(db, _clock).Handle(new DeleteActivityCommand("alice", id, null), CancellationToken.None));

        await using var check = _database.CreateContext();
        Assert.True(await check.Activities.AnyAsync(a => a.Id == id));
    }

    [Fact]
    public async Task DeleteActivity_WhenVersionStale_ShouldThrowConcurrencyConflictAndKeepIt()
    {
        var id = await SeedActivityAsync("alice", Guid.NewGuid());
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => new DeleteActivityCommandHandler(db, _clock).Handle(new DeleteActivityCommand("alice", id, 2), CancellationToken.None));

        await using var check = _database.CreateContext();
        Assert.True(await check.Activities.AnyAsync(a => a.Id == id));
    }

    [Fact]
    public async Task GetActivity_WhenOwnActivity_ShouldReturnIt()
    {
        var subject = Guid.NewGuid();
        var id = await SeedActivityAsync("alice", subject);
        await using var db = _database.CreateContext();

        var dto = await new GetActivityQueryHandler(db).Handle(new GetActivityQuery("alice", id), CancellationToken.None);

        Assert.Equal(id, dto.Id);
        Assert.Equal(subject, dto.SubjectId);
        Assert.Equal("seeded", dto.Action);
    }

    [Fact]
    public async Task GetActivity_WhenAnotherUsersActivity_ShouldThrowNotFound()
    {
        var id = await SeedActivityAsync("bob", Guid.NewGuid());
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<NotFoundException>(() => new GetActivityQueryHandler(db).Handle(new GetActivityQuery("alice", id), CancellationToken.None));
    }

    [Fact]
    public async Task ListActivities_WhenSubjectIdGiven_ShouldReturnOnlyTheOwnActivitiesAboutIt()
    {
        var subject = Guid.NewGuid();
        var other = Guid.NewGuid();
        var first = await SeedActivityAsync("alice", subject, occurredAt: _clock.Now.AddHours(-2));
        var second = await SeedActivityAsync("alice", subject, occurredAt: _clock.Now.AddHours(-1));
        await SeedActivityAsync("alice", other);
        await SeedActivityAsync("bob", subject);
        await using var db = _database.CreateContext();

        var page = await new ListActivitiesQueryHandler(db).Handle(new ListActivitiesQuery("alice", subject), CancellationToken.None);

        Assert.Equal([second, first], page.Items.Select(a => a.Id));
        Assert.Equal(2, page.Total);
    }

    [Fact]
    public async Task ListActivities_WhenNoFilter_ShouldReturnEveryOwnActivityNewestOccurrenceFirstPaged()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await SeedActivityAsync("alice", Guid.NewGuid(), occurredAt: _clock.Now.AddMinutes(i)));
        }

        await SeedActivityAsync("bob", Guid.NewGuid());
        await using var db = _database.CreateContext();

        var page = await new ListActivitiesQueryHandler(db).Handle(new ListActivitiesQuery("alice", null, 1, 2), CancellationToken.None);

        Assert.Equal([ids[2], ids[1]], page.Items.Select(a => a.Id));
        Assert.Equal(3, page.Total);
    }

    private async Task<Guid> SeedNoteAsync(string owner)
    {
        await using var db = _database.CreateContext();
        var note = Note.Create(owner, "N", "C", _clock.Now);
        db.Notes.Add(note);
        await db.SaveChangesAsync();
        return note.Id;
    }

    private async Task<Guid> SeedTaskAsync(string owner)
    {
        await using var db = _database.CreateContext();
        var task = TaskItem.Create(owner, "T", "D", null, _clock.Now);
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    }

    private async Task<Guid> SeedActivityAsync(string owner, Guid subject, DateTimeOffset? occurredAt = null)
    {
        await using var db = _database.CreateContext();
        var activity = Activity.Log(owner, ActivitySubject.Note, subject, "seeded", "", occurredAt, _clock.Now);
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    }
}
