using Friday.Application.Common.Exceptions;
using Friday.Application.Notes.Commands;
using Friday.Application.Notes.Queries;
using Friday.Application.Tests.Support;
using Friday.Domain.Common;
using Friday.Domain.Notes;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Tests.Notes;

public sealed class NoteHandlerTests : IDisposable
{
    private readonly SqliteDatabase _database = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task CreateNote_WhenValid_ShouldPersistTheNoteOwnedByTheCaller()
    {
        await using var db = _database.CreateContext();

        var dto = await new CreateNoteCommandHandler(db, _clock).Handle(new CreateNoteCommand("alice", " Groceries ", null), CancellationToken.None);

        await using var check = _database.CreateContext();
        var stored = await check.Notes.SingleAsync();
        Assert.Equal(dto.Id, stored.Id);
        Assert.Equal("alice", stored.OwnerId);
        Assert.Equal("Groceries", stored.Title);
        Assert.Equal(string.Empty, stored.Content);
        Assert.Equal(1, stored.Version);
        Assert.Equal(_clock.Now, stored.CreatedAt);
        Assert.Equal("Groceries", dto.Title);
        Assert.Equal("alice", dto.OwnerId);
        Assert.Equal(1, dto.Version);
    }

    [Fact]
    public async Task CreateNote_WhenSaved_ShouldClearTheDomainEvents()
    {
        await using var db = _database.CreateContext();

        await new CreateNoteCommandHandler(db, _clock).Handle(new CreateNoteCommand("alice", "T", "C"), CancellationToken.None);

        Assert.All(db.ChangeTracker.Entries<Note>(), e => Assert.Empty(e.Entity.DomainEvents));
    }

    [Fact]
    public async Task UpdateNote_WhenVersionCurrent_ShouldPersistAndBumpVersion()
    {
        var id = await SeedAsync("alice");
        _clock.Advance(TimeSpan.FromMinutes(1));
        await using var db = _database.CreateContext();

        var dto = await new UpdateNoteCommandHandler(db, _clock).Handle(new UpdateNoteCommand("alice", id, "New", "Body", 1), CancellationToken.None);

        await using var check = _database.CreateContext();
        var stored = await check.Notes.SingleAsync(n => n.Id == id);
        Assert.Equal("New", stored.Title);
        Assert.Equal("Body", stored.Content);
        Assert.Equal(2, stored.Version);
        Assert.Equal(_clock.Now, stored.UpdatedAt);
        Assert.Equal(2, dto.Version);
    }

    [Fact]
    public async Task UpdateNote_WhenVersionStale_ShouldThrowConcurrencyConflictAndKeepTheStoredNote()
    {
        var id = await SeedAsync("alice");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => new UpdateNoteCommandHandler(db, _clock).Handle(new UpdateNoteCommand("alice", id, "New", "Body", 2), CancellationToken.None));

        await using var check = _database.CreateContext();
        var stored = await check.Notes.SingleAsync(n => n.Id == id);
        Assert.Equal("Seed", stored.Title);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task UpdateNote_WhenAnotherUsersNote_ShouldThrowNotFoundAndKeepIt()
    {
        var id = await SeedAsync("bob");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<NotFoundException>(
            () => new UpdateNoteCommandHandler(db, _clock).Handle(new UpdateNoteCommand("alice", id, "Mine now", null, null), CancellationToken.None));

        await using var check = _database.CreateContext();
        Assert.Equal("Seed", (await check.Notes.SingleAsync(n => n.Id == id)).Title);
    }

    [Fact]
    public async Task DeleteNote_WhenOwnNote_ShouldRemoveIt()
    {
        var id = await SeedAsync("alice");
        await using var db = _database.CreateContext();

        await new DeleteNoteCommandHandler(db, _clock).Handle(new DeleteNoteCommand("alice", id, 1), CancellationToken.None);

        await using var check = _database.CreateContext();
        Assert.False(await check.Notes.AnyAsync());
    }

    [Fact]
    public async Task DeleteNote_WhenAnotherUsersNote_ShouldThrowNotFoundAndKeepIt()
    {
        var id = await SeedAsync("bob");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<NotFoundException>(
            () => new DeleteNoteCommandHandler(db, _clock).Handle(new DeleteNoteCommand("alice", id, null), CancellationToken.None));

        await using var check = _database.CreateContext();
        Assert.True(await check.Notes.AnyAsync(n => n.Id == id));
    }

    [Fact]
    public async Task DeleteNote_WhenVersionStale_ShouldThrowConcurrencyConflictAndKeepIt()
    {
        var id = await SeedAsync("alice");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => new DeleteNoteCommandHandler(db, _clock).Handle(new DeleteNoteCommand("alice", id, 5), CancellationToken.None));

        await using var check = _database.CreateContext();
        Assert.True(await check.Notes.AnyAsync(n => n.Id == id));
    }

    [Fact]
    public async Task GetNote_WhenOwnNote_ShouldReturnIt()
    {
        var id = await SeedAsync("alice");
        await using var db = _database.CreateContext();

        var dto = await new GetNoteQueryHandler(db).Handle(new GetNoteQuery("alice", id), CancellationToken.None);

        Assert.Equal(id, dto.Id);
        Assert.Equal("Seed", dto.Title);
        Assert.Equal(_clock.Now, dto.CreatedAt);
    }

    [Fact]
    public async Task GetNote_WhenAnotherUsersNote_ShouldThrowNotFound()
    {
        var id = await SeedAsync("bob");
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<NotFoundException>(() => new GetNoteQueryHandler(db).Handle(new GetNoteQuery("alice", id), CancellationToken.None));
    }

    [Fact]
    public async Task GetNote_WhenUnknownId_ShouldThrowNotFound()
    {
        await using var db = _database.CreateContext();

        await Assert.ThrowsAsync<NotFoundException>(() => new GetNoteQueryHandler(db).Handle(new GetNoteQuery("alice", Guid.NewGuid()), CancellationToken.None));
    }

    [Fact]
    public async Task ListNotes_WhenSeveralPages_ShouldReturnOnlyTheCallersNotesNewestFirst()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await SeedAsync("alice", $"A{i}"));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        await SeedAsync("bob", "B");
        await using var db = _database.CreateContext();
        var handler = new ListNotesQueryHandler(db);

        var first = await handler.Handle(new ListNotesQuery("alice", 1, 2), CancellationToken.None);
        var last = await handler.Handle(new ListNotesQuery("alice", 3, 2), CancellationToken.None);

        Assert.Equal(5, first.Total);
        Assert.Equal(1, first.Page);
        Assert.Equal(2, first.PageSize);
        Assert.Equal(["A4", "A3"], first.Items.Select(n => n.Title));
        Assert.Equal(["A0"], last.Items.Select(n => n.Title));
        Assert.All(first.Items.Concat(last.Items), n => Assert.Equal("alice", n.OwnerId));
    }

    [Fact]
    public async Task ListNotes_WhenPagePastTheEnd_ShouldReturnNoItemsButTheTotal()
    {
        await SeedAsync("alice");
        await using var db = _database.CreateContext();

        var page = await new ListNotesQueryHandler(db).Handle(new ListNotesQuery("alice", 9, 10), CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.Equal(1, page.Total);
    }

    private async Task<Guid> SeedAsync(string owner, string title = "Seed")
    {
        await using var db = _database.CreateContext();
        var note = Note.Create(owner, title, "Content", _clock.Now);
        db.Notes.Add(note);
        await db.SaveChangesAsync();
        return note.Id;
    }
}
