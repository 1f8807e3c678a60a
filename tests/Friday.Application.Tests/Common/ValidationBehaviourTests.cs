using FluentValidation;
using FluentValidation.Results;
using Friday.Application.Common.Behaviours;
using Friday.Application.Notes.Commands;
using MediatR;

namespace Friday.Application.Tests.Common;

public sealed class ValidationBehaviourTests
{
    [Fact]
    public async Task Handle_WhenAValidatorFails_ShouldThrowValidationExceptionWithoutCallingNext()
    {
        var behaviour = new ValidationBehaviour<CreateNoteCommand, string>([new CreateNoteCommandValidator()]);
        var calls = 0;

        var ex = await Assert.ThrowsAsync<ValidationException>(() => behaviour.Handle(
            new CreateNoteCommand("alice", "", null), CancellationToken.None, () => { calls++; return Task.FromResult("handled"); }));

        Assert.Equal(0, calls);
        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(CreateNoteCommand.Title));
    }

    [Fact]
    public async Task Handle_WhenSeveralValidatorsFail_ShouldReportEveryFailure()
    {
        var extra = new InlineValidator<CreateNoteCommand>();
        extra.RuleFor(c => c.Content).NotNull().WithMessage("extra rule");
        var behaviour = new ValidationBehaviour<CreateNoteCommand, string>([new CreateNoteCommandValidator(), extra]);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => behaviour.Handle(
            new CreateNoteCommand("alice", "", null), CancellationToken.None, () => Task.FromResult("handled")));

        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(CreateNoteCommand.Title));
        Assert.Contains(ex.Errors, e => e.ErrorMessage == "extra rule");
    }

    [Fact]
    public async Task Handle_WhenEveryValidatorPasses_ShouldCallNextOnceAndReturnItsResult()
    {
        var behaviour = new ValidationBehaviour<CreateNoteCommand, string>([new CreateNoteCommandValidator()]);
        var calls = 0;

        var result = await behaviour.Handle(new CreateNoteCommand("alice", "T", null), CancellationToken.None, () => { calls++; return Task.FromResult("handled"); });

        Assert.Equal(1, calls);
        Assert.Equal("handled", result);
    }

    [Fact]
    public async Task Handle_WhenNoValidators_ShouldCallNext()
    {
        var behaviour = new ValidationBehaviour<CreateNoteCommand, Unit>([]);
        var calls = 0;

        await behaviour.Handle(new CreateNoteCommand("", "", null), CancellationToken.None, () => { calls++; return Task.FromResult(Unit.Value); });

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Handle_WhenValidatorReportsFailureObject_ShouldCarryItsMessage()
    {
        var validator = new InlineValidator<CreateNoteCommand>();
        validator.RuleFor(c => c).Custom((_, context) => context.AddFailure(new ValidationFailure("Custom", "custom failure")));
        var behaviour = new ValidationBehaviour<CreateNoteCommand, string>([validator]);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => behaviour.Handle(
            new CreateNoteCommand("alice", "T", null), CancellationToken.None, () => Task.FromResult("handled")));

        Assert.Equal("custom failure", Assert.Single(ex.Errors).ErrorMessage);
    }
}
