using Friday.Domain.Common;
using Friday.Domain.Notes;

namespace Friday.Domain.Tests;

public sealed class NoteTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Created.AddMinutes(5);

    [Fact]
    public void Create_WhenTitleGiven_ShouldRaiseCreatedWithTheNote()
    {
        var note = Note.Create("alice", "  Groceries  ", "Milk", Created);

        var change = Assert.IsType<EntityChanged<Note>>(Assert.Single(note.DomainEvents));
        Assert.Equal(ChangeAction.Created, change.Action);
        Assert.Same(note, change.Entity);
        Assert.Equal("Groceries", note.Title);
        Assert.Equal("Milk", note.Content);
        Assert.Equal("alice", note.OwnerId);
        Assert.Equal(1, note.Version);
        Assert.Equal(Created, note.CreatedAt);
        Assert.Equal(Created, note.UpdatedAt);
        Assert.NotEqual(Guid.Empty, note.Id);
    }

    [Fact]
    public void Create_WhenContentNull_ShouldStoreEmptyContent()
    {
        var note = Note.Create("alice", "T", null!, Created);

        Assert.Equal(string.Empty, note.Content);
    }

    [Fact]
    public void Topics_ShouldNameTheNoteCollectionAndInstance()
    {
        var note = Note.Create("alice", "T", "C", Created);

        Assert.Equal("note", note.EntityName);
        Assert.Equal("notes", note.CollectionTopic);
        Assert.Equal($"note:{note.Id}", note.InstanceTopic);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Create_WhenTitleBlank_ShouldThrowDomainException(string? title)
    {
        Assert.Throws<DomainException>(() => Note.Create("alice", title!, "C", Created));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Create_WhenOwnerBlank_ShouldThrowArgumentException(string owner)
    {
        Assert.ThrowsAny<ArgumentException>(() => Note.Create(owner, "T", "C", Created));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1L)]
    public void Update_WhenVersionCurrentOrSkipped_ShouldRaiseUpdatedAndBumpVersion(long? expected)
    {
        var note = Note.Create("alice", "T", "C", Created);
        note.ClearDomainEvents();

        note.Update(" New ", "Body", expected, Later);

        var change = Assert.IsType<EntityChanged<Note>>(Assert.Single(note.DomainEvents));
        Assert.Equal(ChangeAction.Updated, change.Action);
        Assert.Same(note, change.Entity);
        Assert.Equal("New", note.Title);
        Assert.Equal("Body", note.Content);
        Assert.Equal(2, note.Version);
        Assert.Equal(Later, note.UpdatedAt);
        Assert.Equal(Created, note.CreatedAt);
    }

    [Fact]
    public void Update_WhenVersionStale_ShouldThrowConcurrencyConflictAndChangeNothing()
    {
        var note = Note.Create("alice", "T", "C", Created);
        note.Update("T2", "C2", 1, Later);
        note.ClearDomainEvents();

        Assert.Throws<ConcurrencyConflictException>(() => note.Update("T3", "C3", 1, Later.AddMinutes(1)));

        Assert.Equal("T2", note.Title);
        Assert.Equal("C2", note.Content);
        Assert.Equal(2, note.Version);
        Assert.Equal(Later, note.UpdatedAt);
        Assert.Empty(note.DomainEvents);
    }

    [Fact]
    public void Update_WhenTitleBlank_ShouldThrowDomainExceptionAndRaiseNothing()
    {
        var note = Note.Create("alice", "T", "C", Created);
        note.ClearDomainEvents();

        Assert.Throws<DomainException>(() => note.Update(" ", "C2", null, Later));

        Assert.Equal("T", note.Title);
        Assert.Empty(note.DomainEvents);
    }

    [Fact]
    public void Delete_WhenVersionCurrent_ShouldRaiseDeletedAndBumpVersion()
    {
        var note = Note.Create("alice", "T", "C", Created);
        note.ClearDomainEvents();

        note.Delete(1, Later);

        var change = Assert.IsType<EntityChanged<Note>>(Assert.Single(note.DomainEvents));
        Assert.Equal(ChangeAction.Deleted, change.Action);
        Assert.Equal(2, note.Version);
        Assert.Equal(Later, note.UpdatedAt);
    }

    [Fact]
    public void Delete_WhenVersionStale_ShouldThrowConcurrencyConflictAndChangeNothing()
    {
        var note = Note.Create("alice", "T", "C", Created);
        note.ClearDomainEvents();

        var ex = Assert.Throws<ConcurrencyConflictException>(() => note.Delete(7, Later));

        Assert.Contains(note.Id.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, note.Version);
        Assert.Equal(Created, note.UpdatedAt);
        Assert.Empty(note.DomainEvents);
    }

    [Fact]
    public void ClearDomainEvents_WhenEventsRaised_ShouldEmptyTheList()
    {
        var note = Note.Create("alice", "T", "C", Created);
        note.Update("T2", "C", null, Later);
        Assert.Equal(2, note.DomainEvents.Count);

        note.ClearDomainEvents();

        Assert.Empty(note.DomainEvents);
    }

    [Fact]
    public void DomainEvents_WhenSeveralChanges_ShouldKeepTheirOrder()
    {
        var note = Note.Create("alice", "T", "C", Created);
        note.Update("T2", "C", 1, Later);
        note.Delete(2, Later);

        var actions = note.DomainEvents.Cast<EntityChanged<Note>>().Select(e => e.Action).ToArray();

        Assert.Equal([ChangeAction.Created, ChangeAction.Updated, ChangeAction.Deleted], actions);
        Assert.Equal(3, note.Version);
    }
}
