using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Application.Common.Models;
using MediatR;

namespace Friday.Application.Notes.Commands;

public sealed record DeleteNoteCommand(string UserId, Guid Id, long? Version) : IRequest<Unit>;

public sealed class DeleteNoteCommandValidator : AbstractValidator<DeleteNoteCommand>
{
    public DeleteNoteCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

public sealed class DeleteNoteCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<DeleteNoteCommand, Unit>
{
    public async Task<Unit> Handle(DeleteNoteCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var note = await db.Notes.FindOwnedAsync(request.Id, request.UserId, cancellationToken);
        note.Delete(request.Version, clock.GetUtcNow());
        db.Notes.Remove(note);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
