using Friday.Domain.Activities;
using Friday.Domain.Notes;
using Friday.Domain.Notifications;
using Friday.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Common.Interfaces;

/// <summary>
/// The one data-access seam: handlers query the sets directly and save once. Saving dispatches the
/// entities' domain events only after the transaction commits.
/// </summary>
public interface IFridayDbContext
{
    DbSet<Note> Notes { get; }

    DbSet<TaskItem> Tasks { get; }

    DbSet<Activity> Activities { get; }

    DbSet<Notification> Notifications { get; }

    DbSet<HandledRequest> HandledRequests { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}
