using System.Text.Json;
using FluentValidation;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using MediatR;

namespace Friday.Application.Realtime;

/// <summary>Broadcasts a <c>notification</c> to every connection subscribed to a public topic.</summary>
/// <returns>How many connections on this node it was queued for.</returns>
public sealed record PublishToTopicCommand(string Topic, string Type, string Message, JsonElement? Data) : IRequest<PublishResult>;

public sealed record PublishResult(long Seq, string Topic, int Delivered);

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

public sealed class PublishToTopicCommandHandler(IWebSocketManager sockets, IStreamSequence sequence, TimeProvider clock)
    : IRequestHandler<PublishToTopicCommand, PublishResult>
{
    public Task<PublishResult> Handle(PublishToTopicCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var seq = sequence.Issue();
        var message = new NotificationMessage(seq, request.Topic, request.Message, request.Type, request.Data, clock.GetUtcNow());
        var delivered = sockets.SendToAudience(Audience.PublicTopic(request.Topic), message);
        return Task.FromResult(new PublishResult(seq, request.Topic, delivered));
    }
}
