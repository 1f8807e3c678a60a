using Friday.Application.Notifications;
using Friday.Application.Notifications.Commands;

namespace Friday.Infrastructure.Notifications.Intake;

/// <summary>
/// A queued notification request: the REST body, plus the target REST takes from its query —
/// <c>topic</c> for a public topic, <c>all</c> for every connection — in the same object.
/// </summary>
internal sealed record IntakeMessage : NotificationRequest
{
    public string? Topic { get; init; }

    public bool? All { get; init; }

    /// <inheritdoc cref="NotificationRequest.ToCommand"/>
    public IOnceRequest ToCommand() => ToCommand(Topic, All == true);
}
