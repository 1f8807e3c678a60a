using System.Collections.Concurrent;
using Friday.Domain.Common;
using MediatR;

namespace Friday.Application.Common.Events;

internal sealed class DomainEventDispatcher(IMediator mediator) : IDomainEventDispatcher
{
    private static readonly ConcurrentDictionary<Type, Func<IDomainEvent, INotification>> Wrappers = new();

    public async Task DispatchAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
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
}
