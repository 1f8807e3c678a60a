using Friday.Domain.Common;

namespace Friday.Application.Common.Events;

/// <summary>Hands the domain events of a change to their handlers, before and after the commit.</summary>
public interface IDomainEventDispatcher
{
    /// <summary>Inside the transaction: the <see cref="IPreCommitHandler{TEvent}"/>s.</summary>
    void BeforeCommit(IReadOnlyList<IDomainEvent> events);

    /// <summary>After the commit: the MediatR notification handlers.</summary>
    Task DispatchAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken);
}
