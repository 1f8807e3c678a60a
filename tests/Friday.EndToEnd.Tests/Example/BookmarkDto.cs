namespace Friday.EndToEnd.Tests.Example;

public sealed record BookmarkDto(Guid Id, string OwnerId, string Url, DateTimeOffset CreatedAt, long Version);
