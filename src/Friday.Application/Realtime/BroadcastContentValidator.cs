using FluentValidation;

namespace Friday.Application.Realtime;

/// <summary>The rules of <see cref="IBroadcastContent"/>, included by each broadcast command's validator.</summary>
internal sealed class BroadcastContentValidator : AbstractValidator<IBroadcastContent>
{
    public BroadcastContentValidator()
    {
        RuleFor(c => c.Type).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Message).NotNull().MaximumLength(4000);
    }
}
