using Friday.Application.Common.Events;
using Friday.Application.Common.Interfaces;
using Friday.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Friday.EndToEnd.Tests.Example;

/// <summary>
/// The extension's own store. Its events become stream events in Friday's event log, which Friday
/// sequences and publishes once they commit. Kept in a separate database as here, the entity and its
/// events commit in two steps; an extension that must never lose an event maps its entity into
/// Friday's model instead, so both commit in one transaction.
/// </summary>
public sealed class BookmarkDbContext(DbContextOptions<BookmarkDbContext> options, IDomainEventDispatcher dispatcher, IFridayDbContext friday)
    : DbContext(options)
{
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var entities = ChangeTracker.Entries<Entity>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
        var events = entities.SelectMany(e => e.DomainEvents).ToList();

        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        entities.ForEach(e => e.ClearDomainEvents());
        dispatcher.BeforeCommit(events);
        await friday.SaveChangesAsync(cancellationToken);
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
