using FluentValidation;

namespace Friday.Application.Realtime;

/// <summary>The rules of what an <see cref="IPublicBroadcast"/> carries, included by each broadcast command's validator.</summary>
internal sealed class BroadcastContentValidator : AbstractValidator<IPublicBroadcast>
{
    public BroadcastContentValidator()
    {
        RuleFor(c => c.Type).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Message).NotNull().MaximumLength(4000);
    }
}
