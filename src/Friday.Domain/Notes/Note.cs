using Friday.Domain.Common;

namespace Friday.Domain.Notes;

public sealed class Note : Entity
{
    public const int TitleMaxLength = 200;
    public const int ContentMaxLength = 20_000;

    private Note()
    {
        Title = string.Empty;
        Content = string.Empty;
    }

    private Note(Guid id, string ownerId, string title, string content, DateTimeOffset now)
        : base(id, ownerId, now)
    {
        Title = title;
        Content = content;
    }

    public string Title { get; private set; }

    public string Content { get; private set; }

    public override string EntityName => "note";

    public override string CollectionTopic => "notes";

    public override string InstanceTopic => $"note:{Id}";

    public static Note Create(string ownerId, string title, string content, DateTimeOffset now)
    {
        var note = new Note(Guid.NewGuid(), ownerId, Require(title), content ?? string.Empty, now);
        note.Raise(new EntityChanged<Note>(note, ChangeAction.Created));
        return note;
    }

    public void Update(string title, string content, long? expectedVersion, DateTimeOffset now)
    {
        Touch(expectedVersion, now);
        Title = Require(title);
        Content = content ?? string.Empty;
        Raise(new EntityChanged<Note>(this, ChangeAction.Updated));
    }

    public void Delete(long? expectedVersion, DateTimeOffset now)
    {
        Touch(expectedVersion, now);
        Raise(new EntityChanged<Note>(this, ChangeAction.Deleted));
    }

    private static string Require(string title) =>
        string.IsNullOrWhiteSpace(title) ? throw new DomainException("A note needs a title.") : title.Trim();
}
