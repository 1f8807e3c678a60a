using Friday.Application.Common.Exceptions;
using Friday.Application.Tasks.Commands;
using Friday.Application.Tasks.Queries;
using Friday.Application.Tests.Support;
using Friday.Domain.Common;
using Friday.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Tests.Tasks;

public sealed class TaskHandlerTests : IDisposable
{
    private readonly SqliteDatabase _database = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task CreateTask_WhenValid_ShouldPersistTheTaskWithItsDueDate()
    {
        var due = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.FromHours(2));
        await using var db = _database.CreateContext();

        var dto = await new CreateTaskCommandHandler(db, _clock).Handle(new CreateTaskCommand("alice", "Pay", null, due), CancellationToken.None);

        await using var check = _database.CreateContext();
        var stored = await check.Tasks.SingleAsync();
        Assert.Equal(dto.Id, stored.Id);
        Assert.Equal("alice", stored.OwnerId);
        Assert.Equal("Pay", stored.Title);
        Assert.Equal(string.Empty, stored.Description);
        Assert.Equal(due, stored.DueAt);
        Assert.Null(stored.CompletedAt);
        Assert.False(dto.Completed);
        Assert.Equal(1, dto.Version);
    }

    [Fact]
    public async Task UpdateTask_WhenVersionCurrent_ShouldPersistAndBumpVersion()
    {
        var id = await SeedAsync("alice");
        _clock.Advance(TimeSpan.FromMinutes(1));
        await using var db = _database.CreateContext();

        var dto = await new UpdateTaskCommandHandler(db, _clock).Handle(new UpdateTaskCommand("alice", id, "New", "D", null, 1), CancellationToken.None);

        await using var check = _database.CreateContext();
        var stored = await check.Tasks.SingleAsync(t => t.Id == id);
        Assert.Equal("New", stored.Title);
        Assert.Equal("D", stored.Description);
        Assert.Null(stored.DueAt);
        Assert.Equal(2, stored.Version);
        Assert.Equal(_clock.Now, stored.UpdatedAt);
        Assert.Equal(2, dto.Version);
    }

    [Fact]
    public async Task UpdateTask_WhenVersionStale_ShouldThrowConcurrencyConflict()
    {
        var id = await SeedAsync("alice");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => new UpdateTaskCommandHandler(db, _clock).Handle(new UpdateTaskCommand("alice", id, "New", null, null, 3), CancellationToken.None));

        await using var check = _database.CreateContext();
        Assert.Equal(1, (await check.Tasks.SingleAsync(t => t.Id == id)).Version);
    }

    [Fact]
    public async Task UpdateTask_WhenAnotherUsersTask_ShouldThrowNotFound()
    {
        var id = await SeedAsync("bob");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<NotFoundException>(
            () => new UpdateTaskCommandHandler(db, _clock).Handle(new UpdateTaskCommand("alice", id, "New", null, null, null), CancellationToken.None));
    }

    [Fact]
    public async Task CompleteTask_WhenOpen_ShouldPersistCompletedAt()
    {
        var id = await SeedAsync("alice");
        _clock.Advance(TimeSpan.FromHours(1));
        await using var db = _database.CreateContext();

        var dto = await new CompleteTaskCommandHandler(db, _clock).Handle(new CompleteTaskCommand("alice", id, 1), CancellationToken.None);

        await using var check = _database.CreateContext();
        var stored = await check.Tasks.SingleAsync(t => t.Id == id);
        Assert.Equal(_clock.Now, stored.CompletedAt);
        Assert.Equal(2, stored.Version);
        Assert.True(dto.Completed);
        Assert.Equal(_clock.Now, dto.CompletedAt);
    }

    [Fact]
    public async Task CompleteTask_WhenAlreadyCompleted_ShouldThrowDomainException()
    {
        var id = await SeedAsync("alice", completed: true);
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<DomainException>(
            () => new CompleteTaskCommandHandler(db, _clock).Handle(new CompleteTaskCommand("alice", id, null), CancellationToken.None));
    }

    [Fact]
    public async Task CompleteTask_WhenVersionStale_ShouldThrowConcurrencyConflictAndStayOpen()
    {
        var id = await SeedAsync("alice");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => new CompleteTaskCommandHandler(db, _clock).Handle(new CompleteTaskCommand("alice", id, 2), CancellationToken.None));

        await using var check = _database.CreateContext();
        Assert.Null((await check.Tasks.SingleAsync(t => t.Id == id)).CompletedAt);
    }

    [Fact]
    public async Task CompleteTask_WhenAnotherUsersTask_ShouldThrowNotFound()
    {
        var id = await SeedAsync("bob");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<NotFoundException>(
            () => new CompleteTaskCommandHandler(db, _clock).Handle(new CompleteTaskCommand("alice", id, null), CancellationToken.None));

        await using var check = _database.CreateContext();
        Assert.Null((await check.Tasks.SingleAsync(t => t.Id == id)).CompletedAt);
    }

    [Fact]
    public async Task DeleteTask_WhenOwnTask_ShouldRemoveIt()
    {
        var id = await SeedAsync("alice");
        await using var db = _database.CreateContext();

        await new DeleteTaskCommandHandler(db, _clock).Handle(new DeleteTaskCommand("alice", id, 1), CancellationToken.None);

        await using var check = _database.CreateContext();
        Assert.False(await check.Tasks.AnyAsync());
    }

    [Fact]
    public async Task DeleteTask_WhenAnotherUsersTask_ShouldThrowNotFoundAndKeepIt()
    {
        var id = await SeedAsync("bob");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<NotFoundException>(
            () => new DeleteTaskCommandHandler(db, _clock).Handle(new DeleteTaskCommand("alice", id, null), CancellationToken.None));

        await using var check = _database.CreateContext();
        Assert.True(await check.Tasks.AnyAsync(t => t.Id == id));
    }

    [Fact]
    public async Task DeleteTask_WhenVersionStale_ShouldThrowConcurrencyConflictAndKeepIt()
    {
        var id = await SeedAsync("alice");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => new DeleteTaskCommandHandler(db, _clock).Handle(new DeleteTaskCommand("alice", id, 9), CancellationToken.None));

        await using var check = _database.CreateContext();
        Assert.True(await check.Tasks.AnyAsync(t => t.Id == id));
    }

    [Fact]
    public async Task GetTask_WhenOwnTask_ShouldReturnIt()
    {
        var id = await SeedAsync("alice");
        await using var db = _database.CreateContext();

        var dto = await new GetTaskQueryHandler(db).Handle(new GetTaskQuery("alice", id), CancellationToken.None);

        Assert.Equal(id, dto.Id);
        Assert.Equal("Seed", dto.Title);
    }

    [Fact]
    public async Task GetTask_WhenAnotherUsersTask_ShouldThrowNotFound()
    {
        var id = await SeedAsync("bob");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<NotFoundException>(() => new GetTaskQueryHandler(db).Handle(new GetTaskQuery("alice", id), CancellationToken.None));
    }

    [Theory]
    [InlineData(null, new[] { "Done2", "Open1", "Done1", "Open0" })]
    [InlineData(true, new[] { "Done2", "Done1" })]
    [InlineData(false, new[] { "Open1", "Open0" })]
    public async Task ListTasks_WhenCompletedFilterGiven_ShouldReturnTheMatchingOwnTasksNewestFirst(bool? completed, string[] expected)
    {
        await SeedAsync("alice", "Open0");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await SeedAsync("alice", "Done1", completed: true);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await SeedAsync("alice", "Open1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await SeedAsync("alice", "Done2", completed: true);
        await SeedAsync("bob", "BobDone", completed: true);
        await SeedAsync("bob", "BobOpen");
        await using var db = _database.CreateContext();

        var page = await new ListTasksQueryHandler(db).Handle(new ListTasksQuery("alice", completed), CancellationToken.None);

        Assert.Equal(expected, page.Items.Select(t => t.Title));
        Assert.Equal(expected.Length, page.Total);
    }

    [Fact]
    public async Task ListTasks_WhenPaged_ShouldReturnTheRequestedSlice()
    {
        for (var i = 0; i < 3; i++)
        {
            await SeedAsync("alice", $"T{i}");
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        await using var db = _database.CreateContext();

        var page = await new ListTasksQueryHandler(db).Handle(new ListTasksQuery("alice", null, 2, 2), CancellationToken.None);

        Assert.Equal(["T0"], page.Items.Select(t => t.Title));
        Assert.Equal(3, page.Total);
        Assert.Equal(2, page.Page);
    }

    private async Task<Guid> SeedAsync(string owner, string title = "Seed", bool completed = false)
    {
        await using var db = _database.CreateContext();
        var task = TaskItem.Create(owner, title, "Description", _clock.Now.AddDays(1), _clock.Now);
        if (completed)
        {
            task.Complete(null, _clock.Now);
        }

        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    }
}
