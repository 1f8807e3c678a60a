using Friday.Domain.Common;

namespace Friday.Application.Common.Events;

/// <summary>Publishes domain events of a committed change to their handlers.</summary>
public interface IDomainEventDispatcher
{
    Task DispatchAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken);
}
