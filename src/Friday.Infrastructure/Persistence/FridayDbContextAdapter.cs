using Friday.Application.Common.Interfaces;
using Friday.Domain.Activities;
using Friday.Domain.Notes;
using Friday.Domain.Notifications;
using Friday.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Friday.Infrastructure.Persistence;

/// <summary>
/// The scope's <see cref="FridayDbContext"/> as the Application's <see cref="IFridayDbContext"/>, and not
/// itself disposable. The container disposes what each registration made: the pooled context registered
/// under both names was given back to the pool twice, and the second time could come after another scope
/// had leased it — taking it from under that scope (a 500 under parallel writes, PooledContextTests).
/// </summary>
internal sealed class FridayDbContextAdapter(FridayDbContext db) : IFridayDbContext
{
    public DbSet<Note> Notes => db.Notes;

    public DbSet<TaskItem> Tasks => db.Tasks;

    public DbSet<Activity> Activities => db.Activities;

    public DbSet<Notification> Notifications => db.Notifications;

    public DbSet<HandledRequest> HandledRequests => db.HandledRequests;

    public Task<int> SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
