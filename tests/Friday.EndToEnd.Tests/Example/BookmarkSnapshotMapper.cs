using Friday.Application.Common.Interfaces;

namespace Friday.EndToEnd.Tests.Example;

/// <summary>What REST would return for a bookmark: the <c>data</c> of its <c>data_changed</c>.</summary>
public sealed class BookmarkSnapshotMapper : ISnapshotMapper<Bookmark>
{
    public object ToSnapshot(Bookmark entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new BookmarkDto(entity.Id, entity.OwnerId, entity.Url, entity.CreatedAt, entity.Version);
    }
}
