using Friday.Application.Common.Interfaces;
using Friday.Domain.Activities;

namespace Friday.Application.Activities;

internal sealed class ActivitySnapshotMapper : ISnapshotMapper<Activity>
{
    public object ToSnapshot(Activity entity) => ActivityDto.From(entity);
}
