using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Domain.Notifications;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Notifications.Commands;

/// <summary>
/// <see cref="NotifyUsersCommand"/> for a request its sender may deliver more than once (a queue
/// redelivers what was not acknowledged): the key is stored in the notifications' transaction, and a
/// request whose key is already stored notifies nobody. The answer is null for such a repeat.
/// </summary>
/// <param name="Key">The sender's name for the request, unique among its requests (an AMQP message id, prefixed by its source).</param>
public sealed record NotifyUsersOnceCommand(string Key, NotifyUsersCommand Request) : IRequest<NotifyUsersResult?>;

public sealed class NotifyUsersOnceCommandValidator : AbstractValidator<NotifyUsersOnceCommand>
{
    public NotifyUsersOnceCommandValidator(IEmailDelivery email)
    {
        RuleFor(c => c.Key)
            .NotEmpty().WithMessage("The request's key is blank.")
            .MaximumLength(HandledRequest.KeyMaxLength).WithMessage($"The request's key is longer than {HandledRequest.KeyMaxLength} characters.");
        // The request's fields keep the names NotifyUsersCommand gives them ("UserIds", not
        // "Request.UserIds"): the wrapper is not part of what the sender wrote.
        RuleFor(c => c.Request).NotNull();
        RuleFor(c => c.Request).SetValidator(new NotifyUsersCommandValidator(email)).OverridePropertyName(string.Empty);
    }
}

public sealed class NotifyUsersOnceCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<NotifyUsersOnceCommand, NotifyUsersResult?>
{
    public async Task<NotifyUsersResult?> Handle(NotifyUsersOnceCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await IsHandledAsync(request.Key, cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var result = NotifyUsersCommandHandler.Stage(db, request.Request, now);
        db.HandledRequests.Add(new HandledRequest(request.Key, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two nodes handed the same redelivery at once both passed the look above; the key's
            // primary key failed this commit, and nothing of it was stored: it is the repeat.
            if (await IsHandledAsync(request.Key, cancellationToken))
            {
                return null;
            }

            throw;
        }

        return result;
    }

    private Task<bool> IsHandledAsync(string key, CancellationToken cancellationToken) =>
        db.HandledRequests.AsNoTracking().AnyAsync(r => r.Key == key, cancellationToken);
}
