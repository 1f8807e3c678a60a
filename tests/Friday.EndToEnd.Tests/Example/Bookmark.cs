using Friday.Domain.Common;

namespace Friday.EndToEnd.Tests.Example;

/// <summary>An entity type that Friday does not know: it broadcasts its changes only by raising events.</summary>
public sealed class Bookmark : Entity
{
    /// <summary>For materialisation by the store.</summary>
    private Bookmark()
    {
        Url = string.Empty;
    }

    private Bookmark(Guid id, string ownerId, string url, DateTimeOffset now)
        : base(id, ownerId, now)
    {
        Url = url;
    }

    public string Url { get; private set; }

    public override string EntityName => "bookmark";

    public override string CollectionTopic => "bookmarks";

    public static Bookmark Create(string ownerId, string url, DateTimeOffset now)
    {
        var bookmark = new Bookmark(Guid.NewGuid(), ownerId, url, now);
        bookmark.Raise(new EntityChanged<Bookmark>(bookmark, ChangeAction.Created));
        return bookmark;
    }
}
