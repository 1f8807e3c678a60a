using FluentValidation;
using Friday.Application.Common.Interfaces;
using Friday.Application.Common.Models;
using Friday.Domain.Activities;
using MediatR;

namespace Friday.Application.Activities.Commands;

public sealed record UpdateActivityCommand(string UserId, Guid Id, string Action, string? Description, long? Version) : IRequest<ActivityDto>;

public sealed class UpdateActivityCommandValidator : AbstractValidator<UpdateActivityCommand>
{
    public UpdateActivityCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Action).NotEmpty().MaximumLength(Activity.ActionMaxLength);
        RuleFor(c => c.Description).MaximumLength(Activity.DescriptionMaxLength);
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

public sealed class UpdateActivityCommandHandler(IFridayDbContext db, TimeProvider clock) : IRequestHandler<UpdateActivityCommand, ActivityDto>
{
    public async Task<ActivityDto> Handle(UpdateActivityCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var activity = await db.Activities.FindOwnedAsync(request.Id, request.UserId, cancellationToken);
        activity.Update(request.Action, request.Description ?? string.Empty, request.Version, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return ActivityDto.From(activity);
    }
}
