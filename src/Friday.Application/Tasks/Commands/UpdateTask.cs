using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Application.Common.Models;
using Friday.Domain.Tasks;
using MediatR;

namespace Friday.Application.Tasks.Commands;

/// <param name="Version">The version the caller last read; null skips the check (last write wins).</param>
public sealed record UpdateTaskCommand(string UserId, Guid Id, string Title, string? Description, DateTimeOffset? DueAt, long? Version) : IRequest<TaskDto>;

public sealed class UpdateTaskCommandValidator : AbstractValidator<UpdateTaskCommand>
{
    public UpdateTaskCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(TaskItem.TitleMaxLength);
        RuleFor(c => c.Description).MaximumLength(TaskItem.DescriptionMaxLength);
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

public sealed class UpdateTaskCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<UpdateTaskCommand, TaskDto>
{
    public async Task<TaskDto> Handle(UpdateTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var task = await db.Tasks.FindOwnedAsync(request.Id, request.UserId, cancellationToken);
        task.Update(request.Title, request.Description ?? string.Empty, request.DueAt, request.Version, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TaskDto.From(task);
    }
}
