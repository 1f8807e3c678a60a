using Friday.Application.Common.Events;
using Friday.Application.Common.Interfaces;
using Friday.Domain.Activities;
using Friday.Domain.Common;
using Friday.Domain.Notes;
using Friday.Domain.Notifications;
using Friday.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Friday.Application.Tests.Support;

/// <summary>
/// A minimal test-only store behind the application's port. When given a dispatcher it dispatches the
/// saved entities' events after the save, as the real context does.
/// </summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options, IDomainEventDispatcher? dispatcher = null)
    : DbContext(options), IFridayDbContext
{
    public DbSet<Note> Notes => Set<Note>();

    public DbSet<TaskItem> Tasks => Set<TaskItem>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<HandledRequest> HandledRequests => Set<HandledRequest>();

    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        var entities = ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
        var events = entities.SelectMany(e => e.DomainEvents).ToList();
        dispatcher?.BeforeCommit(events);
        var written = await base.SaveChangesAsync(cancellationToken);
        entities.ForEach(e => e.ClearDomainEvents());
        if (dispatcher is not null && events.Count > 0)
        {
            await dispatcher.DispatchAsync(events, cancellationToken);
        }

        return written;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        Configure(modelBuilder.Entity<Note>());
        Configure(modelBuilder.Entity<TaskItem>()).Ignore(t => t.IsCompleted);
        Configure(modelBuilder.Entity<Activity>());
        var notification = modelBuilder.Entity<Notification>();
        notification.HasKey(n => n.Id);
        notification.Ignore(n => n.DomainEvents);
        notification.Ignore(n => n.IsRead);
        modelBuilder.Entity<HandledRequest>().HasKey(r => r.Key);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order DateTimeOffset: store UTC date-times as the real context does.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }

    private static Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> Configure<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> builder)
        where T : Entity
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Ignore(e => e.DomainEvents);
        builder.Ignore(e => e.EntityName);
        builder.Ignore(e => e.CollectionTopic);
        builder.Ignore(e => e.InstanceTopic);
        return builder;
    }

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTime>(
        v => v.UtcDateTime,
        v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));
}
