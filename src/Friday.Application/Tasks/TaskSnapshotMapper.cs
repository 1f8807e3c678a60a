using Friday.Application.Common.Interfaces;
using Friday.Domain.Tasks;

namespace Friday.Application.Tasks;

internal sealed class TaskSnapshotMapper : ISnapshotMapper<TaskItem>
{
    public object ToSnapshot(TaskItem entity) => TaskDto.From(entity);
}
