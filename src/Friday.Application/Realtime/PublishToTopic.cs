using System.Text.Json;
using FluentValidation;
using Friday.Application.Notifications.Commands;
using Friday.Domain.Realtime;
using MediatR;

namespace Friday.Application.Realtime;

/// <summary>
/// Broadcasts a <c>notification</c> to every connection subscribed to a public topic. It goes through
/// the event log like every stream event: a client that was away gets it on resume.
/// </summary>
public sealed record PublishToTopicCommand(string Topic, string Type, string Message, JsonElement? Data) : IRequest<PublishResult>, IPublicBroadcast, IOnceRequest;

public sealed class PublishToTopicCommandValidator : AbstractValidator<PublishToTopicCommand>
{
    public PublishToTopicCommandValidator()
    {
        RuleFor(c => c.Topic)
            .Must(Topic.IsValid).WithMessage("'topic' must match [a-z0-9_.:-]{1,128}.")
            .Must(t => !Topic.IsValid(t) || !Topic.IsUserScoped(t)).WithMessage("'topic' names a user's own topic; publish to a public topic, or notify a user with 'user_id'.")
            .Must(t => t != Topic.Broadcast).WithMessage("'broadcast' reaches every connection, not only its subscribers: send a broadcast to all (?all=true) to mean that.");
        Include(new BroadcastContentValidator());
    }
}

public sealed class PublishToTopicCommandHandler(IBroadcastWriter broadcasts, TimeProvider clock)
    : IRequestHandler<PublishToTopicCommand, PublishResult>
{
    public Task<PublishResult> Handle(PublishToTopicCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return broadcasts.PublishAsync(request, clock, cancellationToken);
    }
}
