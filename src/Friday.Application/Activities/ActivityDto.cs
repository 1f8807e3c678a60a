using Friday.Domain.Activities;

namespace Friday.Application.Activities;

public sealed record ActivityDto(
    Guid Id,
    string OwnerId,
    string SubjectType,
    Guid SubjectId,
    string Action,
    string Description,
    DateTimeOffset OccurredAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    public static ActivityDto From(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new ActivityDto(
            activity.Id,
            activity.OwnerId,
            activity.SubjectType == ActivitySubject.Note ? "note" : "task",
            activity.SubjectId,
            activity.Action,
            activity.Description,
            activity.OccurredAt,
            activity.CreatedAt,
            activity.UpdatedAt,
            activity.Version);
    }
}
