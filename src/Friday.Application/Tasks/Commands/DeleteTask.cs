using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Application.Common.Models;
using MediatR;

namespace Friday.Application.Tasks.Commands;

public sealed record DeleteTaskCommand(string UserId, Guid Id, long? Version) : IRequest<Unit>;

public sealed class DeleteTaskCommandValidator : AbstractValidator<DeleteTaskCommand>
{
    public DeleteTaskCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

public sealed class DeleteTaskCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<DeleteTaskCommand, Unit>
{
    public async Task<Unit> Handle(DeleteTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var task = await db.Tasks.FindOwnedAsync(request.Id, request.UserId, cancellationToken);
        task.Delete(request.Version, clock.GetUtcNow());
        db.Tasks.Remove(task);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
