using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Application.Realtime;
using Friday.Domain.Notifications;
using Friday.Domain.Realtime;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Notifications.Commands;

/// <summary>
/// A request its sender may deliver more than once (a queue redelivers what was not acknowledged):
/// its effect (the users' notifications, or the broadcast's event) and its key commit in one
/// transaction, and a request whose key is already stored takes no effect. The answer is false for
/// such a repeat. Without a key nothing tells a repeat apart: the request takes effect every time.
/// </summary>
/// <param name="Key">The sender's name for the request, unique among its requests (an AMQP message id, prefixed by its source); null when it gave none.</param>
public sealed record NotifyOnceCommand(string? Key, IOnceRequest Request) : IRequest<bool>;

public sealed class NotifyOnceCommandValidator : AbstractValidator<NotifyOnceCommand>
{
    public NotifyOnceCommandValidator(IEmailDelivery email)
    {
        RuleFor(c => c.Key)
            .NotEmpty().WithMessage("The request's key is blank.")
            .MaximumLength(HandledRequest.KeyMaxLength).WithMessage($"The request's key is longer than {HandledRequest.KeyMaxLength} characters.")
            .When(c => c.Key is not null);

        // The request's fields keep the names its own command gives them ("UserIds", not
        // "Request.UserIds"): the wrapper is not part of what the sender wrote.
        RuleFor(c => c.Request).NotNull();
        RuleFor(c => c.Request)
            .SetInheritanceValidator(v => v
                .Add(new NotifyUsersCommandValidator(email))
                .Add(new PublishToTopicCommandValidator())
                .Add(new BroadcastToAllCommandValidator()))
            .OverridePropertyName(string.Empty);
    }
}

public sealed class NotifyOnceCommandHandler(IFridayDbContext db, IStreamOutbox outbox, TimeProvider clock) : IRequestHandler<NotifyOnceCommand, bool>
{
    public async Task<bool> Handle(NotifyOnceCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Key;
        if (key is not null && await IsHandledAsync(key, cancellationToken))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        Stage(request.Request, now);
        if (key is not null)
        {
            db.HandledRequests.Add(new HandledRequest(key, now));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // Two nodes handed the same redelivery at once both passed the look above; the key's
            // primary key failed this commit, and nothing of it was stored: it is the repeat.
            if (await IsHandledAsync(key, cancellationToken))
            {
                return false;
            }

            throw;
        }

        return true;
    }

    /// <summary>
    /// Adds the request's effect to the unit of work, so that it commits with the key. A broadcast
    /// goes straight to the outbox rather than through the shared group commit, whose transaction
    /// could not hold the key.
    /// </summary>
    private void Stage(IOnceRequest request, DateTimeOffset now)
    {
        switch (request)
        {
            case NotifyUsersCommand users:
                NotifyUsersCommandHandler.Stage(db, users, now);
                break;
            case IPublicBroadcast broadcast:
                outbox.Add(Audience.PublicTopic(broadcast.Topic), broadcast.ToMessage(now));
                break;
            default:
                throw new ArgumentException($"{request.GetType().Name} cannot be sent once.", nameof(request));
        }
    }

    private Task<bool> IsHandledAsync(string key, CancellationToken cancellationToken) =>
        db.HandledRequests.AsNoTracking().AnyAsync(r => r.Key == key, cancellationToken);
}
