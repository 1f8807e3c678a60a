using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Domain.Tasks;
using MediatR;

namespace Friday.Application.Tasks.Commands;

public sealed record CreateTaskCommand(string UserId, string Title, string? Description, DateTimeOffset? DueAt) : IRequest<TaskDto>;

public sealed class CreateTaskCommandValidator : AbstractValidator<CreateTaskCommand>
{
    public CreateTaskCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(TaskItem.TitleMaxLength);
        RuleFor(c => c.Description).MaximumLength(TaskItem.DescriptionMaxLength);
    }
}

public sealed class CreateTaskCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<CreateTaskCommand, TaskDto>
{
    public async Task<TaskDto> Handle(CreateTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var task = TaskItem.Create(request.UserId, request.Title, request.Description ?? string.Empty, request.DueAt, clock.GetUtcNow());
        db.Tasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        return TaskDto.From(task);
    }
}
