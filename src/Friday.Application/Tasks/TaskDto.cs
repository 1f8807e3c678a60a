using Friday.Domain.Tasks;

namespace Friday.Application.Tasks;

public sealed record TaskDto(
    Guid Id,
    string OwnerId,
    string Title,
    string Description,
    DateTimeOffset? DueAt,
    bool Completed,
    DateTimeOffset? CompletedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    public static TaskDto From(TaskItem task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new TaskDto(task.Id, task.OwnerId, task.Title, task.Description, task.DueAt, task.IsCompleted, task.CompletedAt, task.CreatedAt, task.UpdatedAt, task.Version);
    }
}
