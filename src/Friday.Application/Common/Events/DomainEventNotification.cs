using Friday.Domain.Common;
using MediatR;

namespace Friday.Application.Common.Events;

/// <summary>
/// Carries a domain event through MediatR: the Domain has no packages, so its events cannot be
/// notifications themselves.
/// </summary>
public sealed record DomainEventNotification<TEvent>(TEvent DomainEvent) : INotification
    where TEvent : IDomainEvent;
