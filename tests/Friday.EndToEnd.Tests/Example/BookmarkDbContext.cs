using Friday.Application.Common.Events;
using Friday.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Friday.EndToEnd.Tests.Example;

/// <summary>
/// The extension's own store. Like Friday's, it dispatches the saved entities' events only after
/// the save succeeded, so nothing is announced for a change that did not commit.
/// </summary>
public sealed class BookmarkDbContext(DbContextOptions<BookmarkDbContext> options, IDomainEventDispatcher dispatcher)
    : DbContext(options)
{
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var entities = ChangeTracker.Entries<Entity>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
        var events = entities.SelectMany(e => e.DomainEvents).ToList();

        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        entities.ForEach(e => e.ClearDomainEvents());
        await dispatcher.DispatchAsync(events, cancellationToken);
        return written;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<Bookmark>(b =>
        {
            b.HasKey(e => e.Id);
            b.Property(e => e.Id).ValueGeneratedNever();
            b.Property(e => e.Version).IsConcurrencyToken();

            // The realtime routing is behaviour, not data.
            b.Ignore(e => e.DomainEvents);
            b.Ignore(e => e.EntityName);
            b.Ignore(e => e.CollectionTopic);
            b.Ignore(e => e.InstanceTopic);
        });
    }
}
