using Friday.Domain.Common;

namespace Friday.Application.Common.Events;

/// <summary>
/// Runs inside the save, before the commit: for work that must commit with the change or not at all
/// (writing its stream events to the outbox). It must not announce anything itself.
/// </summary>
public interface IPreCommitHandler<in TEvent>
    where TEvent : IDomainEvent
{
    void Handle(TEvent domainEvent);
}
