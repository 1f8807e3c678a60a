using System.Collections.Concurrent;
using Friday.Domain.Common;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.Application.Common.Events;

internal sealed class DomainEventDispatcher(IMediator mediator, IServiceProvider services) : IDomainEventDispatcher
{
    private static readonly ConcurrentDictionary<Type, Func<IDomainEvent, INotification>> Wrappers = new();
    private static readonly ConcurrentDictionary<Type, Action<IServiceProvider, IDomainEvent>> PreCommitInvokers = new();

    public void BeforeCommit(IReadOnlyList<IDomainEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var domainEvent in events)
        {
            PreCommitInvokers.GetOrAdd(domainEvent.GetType(), CreatePreCommitInvoker)(services, domainEvent);
        }
    }

    public async Task DispatchAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var domainEvent in events)
        {
            var wrap = Wrappers.GetOrAdd(domainEvent.GetType(), CreateWrapper);
            await mediator.Publish(wrap(domainEvent), cancellationToken);
        }
    }

    private static Func<IDomainEvent, INotification> CreateWrapper(Type eventType)
    {
        var notificationType = typeof(DomainEventNotification<>).MakeGenericType(eventType);
        return e => (INotification)Activator.CreateInstance(notificationType, e)!;
    }

    private static Action<IServiceProvider, IDomainEvent> CreatePreCommitInvoker(Type eventType)
    {
        var invoke = typeof(DomainEventDispatcher).GetMethod(nameof(InvokePreCommit), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(eventType);
        return (Action<IServiceProvider, IDomainEvent>)Delegate.CreateDelegate(typeof(Action<IServiceProvider, IDomainEvent>), invoke);
    }

    private static void InvokePreCommit<TEvent>(IServiceProvider services, IDomainEvent domainEvent)
        where TEvent : IDomainEvent
    {
        foreach (var handler in services.GetServices<IPreCommitHandler<TEvent>>())
        {
            handler.Handle((TEvent)domainEvent);
        }
    }
}
