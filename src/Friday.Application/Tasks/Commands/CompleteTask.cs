using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Application.Common.Models;
using MediatR;

namespace Friday.Application.Tasks.Commands;

public sealed record CompleteTaskCommand(string UserId, Guid Id, long? Version) : IRequest<TaskDto>;

public sealed class CompleteTaskCommandValidator : AbstractValidator<CompleteTaskCommand>
{
    public CompleteTaskCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

public sealed class CompleteTaskCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<CompleteTaskCommand, TaskDto>
{
    public async Task<TaskDto> Handle(CompleteTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var task = await db.Tasks.FindOwnedAsync(request.Id, request.UserId, cancellationToken);
        task.Complete(request.Version, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TaskDto.From(task);
    }
}
