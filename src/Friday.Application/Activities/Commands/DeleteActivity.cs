using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Application.Common.Models;
using MediatR;

namespace Friday.Application.Activities.Commands;

public sealed record DeleteActivityCommand(string UserId, Guid Id, long? Version) : IRequest<Unit>;

public sealed class DeleteActivityCommandValidator : AbstractValidator<DeleteActivityCommand>
{
    public DeleteActivityCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

public sealed class DeleteActivityCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<DeleteActivityCommand, Unit>
{
    public async Task<Unit> Handle(DeleteActivityCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var activity = await db.Activities.FindOwnedAsync(request.Id, request.UserId, cancellationToken);
        activity.Delete(request.Version, clock.GetUtcNow());
        db.Activities.Remove(activity);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
