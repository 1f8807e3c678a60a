using Friday.Domain.Common;

namespace Friday.Application.Realtime;

internal static class ChangeActionNames
{
    public static string ToWire(this ChangeAction action) => action switch
    {
        ChangeAction.Created => "created",
        ChangeAction.Updated => "updated",
        ChangeAction.Deleted => "deleted",
        ChangeAction.Completed => "completed",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
