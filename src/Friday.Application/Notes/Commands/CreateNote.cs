using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Domain.Notes;
using MediatR;

namespace Friday.Application.Notes.Commands;

public sealed record CreateNoteCommand(string UserId, string Title, string? Content) : IRequest<NoteDto>;

public sealed class CreateNoteCommandValidator : AbstractValidator<CreateNoteCommand>
{
    public CreateNoteCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(Note.TitleMaxLength);
        RuleFor(c => c.Content).MaximumLength(Note.ContentMaxLength);
    }
}

public sealed class CreateNoteCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<CreateNoteCommand, NoteDto>
{
    public async Task<NoteDto> Handle(CreateNoteCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var note = Note.Create(request.UserId, request.Title, request.Content ?? string.Empty, clock.GetUtcNow());
        db.Notes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return NoteDto.From(note);
    }
}
