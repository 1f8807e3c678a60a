using System.Text.Json;
using Friday.Application.Common.Interfaces;
using Friday.Domain.Common;
using Friday.Domain.Notifications;
using Friday.Domain.Tasks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Notifications.Commands;

/// <summary>
/// Reminds owners of tasks that fell due. The reminder mark and the notification are saved in one
/// transaction, and the mark is a concurrency token: a crash, a restart or a second node can neither
/// lose a reminder nor send it twice.
/// </summary>
/// <returns>How many reminders were sent.</returns>
public sealed record SendDueTaskRemindersCommand(int BatchSize = 100) : IRequest<int>;

public sealed class SendDueTaskRemindersCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<SendDueTaskRemindersCommand, int>
{
    public const string NotificationType = "task_reminder";

    public async Task<int> Handle(SendDueTaskRemindersCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var due = await db.Tasks
            .Where(TaskItem.DueForReminder(now))
            .OrderBy(t => t.DueAt)
            .Take(request.BatchSize)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var task in due)
        {
            task.MarkReminded();
            var data = JsonSerializer.Serialize(new Dictionary<string, object?> { ["task_id"] = task.Id, ["due_at"] = task.DueAt });
            db.Notifications.Add(Notification.Create(task.OwnerId, "Task due", $"'{task.Title}' is due.", NotificationType, data, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                sent++;
            }
            catch (ConcurrencyConflictException)
            {
                // Another node reminded, or the owner changed the task meanwhile: the next pass decides again.
                return sent;
            }
        }

        return sent;
    }
}
