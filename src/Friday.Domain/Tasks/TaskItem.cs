using System.Linq.Expressions;
using Friday.Domain.Common;

namespace Friday.Domain.Tasks;

/// <summary>A to-do of one user; named so it does not clash with <see cref="System.Threading.Tasks.Task"/>.</summary>
public sealed class TaskItem : Entity
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 20_000;

    private TaskItem()
    {
        Title = string.Empty;
        Description = string.Empty;
    }

    private TaskItem(Guid id, string ownerId, string title, string description, DateTimeOffset? dueAt, DateTimeOffset now)
        : base(id, ownerId, now)
    {
        Title = title;
        Description = description;
        DueAt = dueAt;
    }

    public string Title { get; private set; }

    public string Description { get; private set; }

    public DateTimeOffset? DueAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsCompleted => CompletedAt is not null;

    /// <summary>The due time a reminder was sent for; a new due time earns a new reminder.</summary>
    public DateTimeOffset? ReminderDueAt { get; private set; }

    /// <summary>
    /// Open, due by <paramref name="now"/>, and not reminded of this due time yet. An expression, so that
    /// the reminder job's query is this rule and not a copy of it.
    /// </summary>
    public static Expression<Func<TaskItem, bool>> DueForReminder(DateTimeOffset now) =>
        t => t.CompletedAt == null && t.DueAt != null && t.DueAt <= now && (t.ReminderDueAt == null || t.ReminderDueAt != t.DueAt);

    public override string EntityName => "task";

    public override string CollectionTopic => "tasks";

    public override string InstanceTopic => $"task:{Id}";

    public static TaskItem Create(string ownerId, string title, string description, DateTimeOffset? dueAt, DateTimeOffset now)
    {
        var task = new TaskItem(Guid.NewGuid(), ownerId, Require(title), description ?? string.Empty, dueAt, now);
        task.Raise(new EntityChanged<TaskItem>(task, ChangeAction.Created));
        return task;
    }

    public void Update(string title, string description, DateTimeOffset? dueAt, long? expectedVersion, DateTimeOffset now)
    {
        Touch(expectedVersion, now);
        Title = Require(title);
        Description = description ?? string.Empty;
        DueAt = dueAt;
        Raise(new EntityChanged<TaskItem>(this, ChangeAction.Updated));
    }

    public void Complete(long? expectedVersion, DateTimeOffset now)
    {
        if (IsCompleted)
        {
            throw new DomainException($"The task {Id} is already completed.");
        }

        Touch(expectedVersion, now);
        CompletedAt = now;
        Raise(new EntityChanged<TaskItem>(this, ChangeAction.Completed));
    }

    /// <summary>
    /// Records that the owner was reminded. Not a change the owner made: no version bump, no event.
    /// </summary>
    public void MarkReminded()
    {
        if (DueAt is null)
        {
            throw new DomainException($"The task {Id} has no due time to be reminded of.");
        }

        ReminderDueAt = DueAt;
    }

    public void Delete(long? expectedVersion, DateTimeOffset now)
    {
        Touch(expectedVersion, now);
        Raise(new EntityChanged<TaskItem>(this, ChangeAction.Deleted));
    }

    private static string Require(string title) =>
        string.IsNullOrWhiteSpace(title) ? throw new DomainException("A task needs a title.") : title.Trim();
}
