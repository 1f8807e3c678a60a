using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Application.Common.Models;
using Friday.Domain.Notes;
using MediatR;

namespace Friday.Application.Notes.Commands;

/// <param name="Version">The version the caller last read; null skips the check (last write wins).</param>
public sealed record UpdateNoteCommand(string UserId, Guid Id, string Title, string? Content, long? Version) : IRequest<NoteDto>;

public sealed class UpdateNoteCommandValidator : AbstractValidator<UpdateNoteCommand>
{
    public UpdateNoteCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(Note.TitleMaxLength);
        RuleFor(c => c.Content).MaximumLength(Note.ContentMaxLength);
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

public sealed class UpdateNoteCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<UpdateNoteCommand, NoteDto>
{
    public async Task<NoteDto> Handle(UpdateNoteCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var note = await db.Notes.FindOwnedAsync(request.Id, request.UserId, cancellationToken);
        note.Update(request.Title, request.Content ?? string.Empty, request.Version, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return NoteDto.From(note);
    }
}
