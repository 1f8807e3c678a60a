using Friday.Domain.Notes;

namespace Friday.Application.Notes;

public sealed record NoteDto(Guid Id, string OwnerId, string Title, string Content, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static NoteDto From(Note note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return new NoteDto(note.Id, note.OwnerId, note.Title, note.Content, note.CreatedAt, note.UpdatedAt, note.Version);
    }
}
