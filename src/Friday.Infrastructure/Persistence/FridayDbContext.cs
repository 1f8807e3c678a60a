using Friday.Application.Common.Events;
using Friday.Application.Common.Exceptions;
using Friday.Application.Common.Interfaces;
using Friday.Domain.Activities;
using Friday.Domain.Common;
using Friday.Domain.Notes;
using Friday.Domain.Notifications;
using Friday.Domain.Tasks;
using Friday.Infrastructure.EventLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.Infrastructure.Persistence;

/// <summary>
/// Pooled (see AddPersistence): a context is built once and lent to one scope after another, which
/// spares each request and each WebSocket greeting the construction of EF Core's internal services.
/// </summary>
public sealed class FridayDbContext(DbContextOptions<FridayDbContext> options)
    : DbContext(options), IFridayDbContext
{
    private IServiceProvider? _scope;

    /// <summary>The scope this context is lent to; saving needs that scope's domain-event dispatcher.</summary>
    internal IServiceProvider Scope
    {
        get => _scope ?? throw new InvalidOperationException("This FridayDbContext was not lent to a scope: resolve it from the container to save changes.");
        set => _scope = value;
    }

    public DbSet<Note> Notes => Set<Note>();

    public DbSet<TaskItem> Tasks => Set<TaskItem>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<HandledRequest> HandledRequests => Set<HandledRequest>();

    public DbSet<StreamEvent> StreamEvents => Set<StreamEvent>();

    public DbSet<StreamState> StreamState => Set<StreamState>();

    /// <summary>
    /// Saves the change and its stream events in one transaction. Only after the commit are the
    /// events sequenced and published, then the domain events dispatched: nothing is announced for a
    /// change that did not commit.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var aggregates = ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
        var events = aggregates.SelectMany(e => e.DomainEvents).ToList();
        var dispatcher = Scope.GetRequiredService<IDomainEventDispatcher>();
        dispatcher.BeforeCommit(events);
        var hasStreamEvents = ChangeTracker.Entries<StreamEvent>().Any(e => e.State == EntityState.Added);

        int written;
        try
        {
            // Inside a caller's transaction the caller holds the write gate for the whole transaction.
            using (Database.CurrentTransaction is null ? await Scope.GetRequiredService<SqliteWriteGate>().EnterAsync(cancellationToken) : default)
            {
                written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConcurrencyConflictException($"The entity was changed by someone else meanwhile; reload it and try again. ({ex.Entries.Count} entries)");
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            throw new ServiceUnavailableException("The database is unavailable; try again shortly.", ex);
        }

        aggregates.ForEach(e => e.ClearDomainEvents());
        if (Database.CurrentTransaction is not null)
        {
            return written;
        }

        if (hasStreamEvents)
        {
            await Scope.GetRequiredService<StreamPublisher>().AfterCommitAsync(cancellationToken);
        }

        if (events.Count > 0)
        {
            await dispatcher.DispatchAsync(events, cancellationToken);
        }

        return written;
    }

    /// <summary>Back to the pool: the scope it served is over and must not be kept alive by the pool.</summary>
    public override void Dispose()
    {
        _scope = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _scope = null;
        return base.DisposeAsync();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FridayDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Stored as UTC date-times: every provider can sort and compare those (SQLite cannot sort offsets).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeConverter>();
    }
}
