using Friday.Application.Common.Interfaces;
using Friday.Domain.Notes;

namespace Friday.Application.Notes;

internal sealed class NoteSnapshotMapper : ISnapshotMapper<Note>
{
    public object ToSnapshot(Note entity) => NoteDto.From(entity);
}
