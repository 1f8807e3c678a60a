using System.Text.Json;
using FluentValidation;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using MediatR;

namespace Friday.Application.Realtime;

/// <summary>
/// Broadcasts a <c>notification</c> to every connection subscribed to a public topic. It goes through
/// the event log like every stream event: a client that was away gets it on resume.
/// </summary>
public sealed record PublishToTopicCommand(string Topic, string Type, string Message, JsonElement? Data) : IRequest<PublishResult>;

public sealed record PublishResult(string Topic);

public sealed class PublishToTopicCommandValidator : AbstractValidator<PublishToTopicCommand>
{
    public PublishToTopicCommandValidator()
    {
        RuleFor(c => c.Topic)
            .Must(Topic.IsValid).WithMessage("'topic' must match [a-z0-9_.:-]{1,128}.")
            .Must(t => !Topic.IsValid(t) || !Topic.IsUserScoped(t)).WithMessage("'topic' names a user's own topic; publish to a public topic, or notify a user with 'user_id'.");
        RuleFor(c => c.Type).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Message).NotNull().MaximumLength(4000);
    }
}

public sealed class PublishToTopicCommandHandler(IBroadcastWriter broadcasts, TimeProvider clock)
    : IRequestHandler<PublishToTopicCommand, PublishResult>
{
    public async Task<PublishResult> Handle(PublishToTopicCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await broadcasts.WriteAsync(request.Topic, new NotificationMessage(0, request.Topic, request.Message, request.Type, request.Data, clock.GetUtcNow()), cancellationToken);
        return new PublishResult(request.Topic);
    }
}
