using FluentValidation;
using Friday.Application.Common.Exceptions;
using Friday.Application.Common.Interfaces;
using Friday.Domain.Activities;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Friday.Application.Activities.Commands;

/// <param name="SubjectType"><c>note</c> or <c>task</c>: the caller's own entity the activity is about.</param>
public sealed record LogActivityCommand(string UserId, string SubjectType, Guid SubjectId, string Action, string? Description, DateTimeOffset? OccurredAt)
    : IRequest<ActivityDto>;

public sealed class LogActivityCommandValidator : AbstractValidator<LogActivityCommand>
{
    public LogActivityCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.SubjectType).Must(s => s is "note" or "task").WithMessage("'Subject Type' must be 'note' or 'task'.");
        RuleFor(c => c.SubjectId).NotEmpty();
        RuleFor(c => c.Action).NotEmpty().MaximumLength(Activity.ActionMaxLength);
        RuleFor(c => c.Description).MaximumLength(Activity.DescriptionMaxLength);
    }
}

public sealed class LogActivityCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<LogActivityCommand, ActivityDto>
{
    public async Task<ActivityDto> Handle(LogActivityCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = request.SubjectType == "note" ? ActivitySubject.Note : ActivitySubject.Task;
        var exists = subject == ActivitySubject.Note
            ? await db.Notes.AnyAsync(n => n.Id == request.SubjectId && n.OwnerId == request.UserId, cancellationToken)
            : await db.Tasks.AnyAsync(t => t.Id == request.SubjectId && t.OwnerId == request.UserId, cancellationToken);
        if (!exists)
        {
            throw new NotFoundException(request.SubjectType, request.SubjectId);
        }

        var activity = Activity.Log(request.UserId, subject, request.SubjectId, request.Action, request.Description ?? string.Empty, request.OccurredAt, clock.GetUtcNow());
        db.Activities.Add(activity);
        await db.SaveChangesAsync(cancellationToken);
        return ActivityDto.From(activity);
    }
}
