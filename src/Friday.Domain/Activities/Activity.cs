using Friday.Domain.Common;

namespace Friday.Domain.Activities;

/// <summary>A logged event on a note or a task: who did what, when.</summary>
public sealed class Activity : Entity
{
    public const int ActionMaxLength = 100;
    public const int DescriptionMaxLength = 2_000;

    private Activity()
    {
        Action = string.Empty;
        Description = string.Empty;
    }

    private Activity(Guid id, string ownerId, ActivitySubject subjectType, Guid subjectId, string action, string description, DateTimeOffset occurredAt, DateTimeOffset now)
        : base(id, ownerId, now)
    {
        SubjectType = subjectType;
        SubjectId = subjectId;
        Action = action;
        Description = description;
        OccurredAt = occurredAt;
    }

    public ActivitySubject SubjectType { get; private set; }

    public Guid SubjectId { get; private set; }

    /// <summary>What was done, e.g. <c>commented</c> or <c>shared</c>.</summary>
    public string Action { get; private set; }

    public string Description { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public override string EntityName => "activity";

    public override string CollectionTopic => "activities";

    public static Activity Log(string ownerId, ActivitySubject subjectType, Guid subjectId, string action, string description, DateTimeOffset? occurredAt, DateTimeOffset now)
    {
        var activity = new Activity(Guid.NewGuid(), ownerId, subjectType, subjectId, Require(action), description ?? string.Empty, occurredAt ?? now, now);
        activity.Raise(new EntityChanged<Activity>(activity, ChangeAction.Created));
        return activity;
    }

    public void Update(string action, string description, long? expectedVersion, DateTimeOffset now)
    {
        Touch(expectedVersion, now);
        Action = Require(action);
        Description = description ?? string.Empty;
        Raise(new EntityChanged<Activity>(this, ChangeAction.Updated));
    }

    public void Delete(long? expectedVersion, DateTimeOffset now)
    {
        Touch(expectedVersion, now);
        Raise(new EntityChanged<Activity>(this, ChangeAction.Deleted));
    }

    private static string Require(string action) =>
        string.IsNullOrWhiteSpace(action) ? throw new DomainException("An activity needs an action.") : action.Trim();
}
