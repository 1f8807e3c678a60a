using System.Text.Json;
using FluentValidation;
using Friday.Application.Notifications.Commands;
using Friday.Domain.Realtime;
using MediatR;

namespace Friday.Application.Realtime;

/// <summary>
/// A system-wide broadcast: a <c>notification</c> on <see cref="Topic.Broadcast"/>, which every
/// connection holds from its connect, anonymous ones too. Stored in the event log like every public
/// broadcast, so it carries a <c>seq</c>, is replayed on resume and reaches the connections of every node.
/// </summary>
public sealed record BroadcastToAllCommand(string Type, string Message, JsonElement? Data) : IRequest<PublishResult>, IPublicBroadcast, IOnceRequest
{
    string IPublicBroadcast.Topic => Topic.Broadcast;
}

public sealed class BroadcastToAllCommandValidator : AbstractValidator<BroadcastToAllCommand>
{
    public BroadcastToAllCommandValidator() => Include(new BroadcastContentValidator());
}

public sealed class BroadcastToAllCommandHandler(IBroadcastWriter broadcasts, TimeProvider clock)
    : IRequestHandler<BroadcastToAllCommand, PublishResult>
{
    public Task<PublishResult> Handle(BroadcastToAllCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return broadcasts.PublishAsync(request, clock, cancellationToken);
    }
}
