using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Friday.Application.Notifications.Commands;
using Friday.Application.Realtime;

namespace Friday.Application.Notifications;

/// <summary>
/// A notification request as other services send it: the body of <c>POST /api/notifications</c>
/// and a message of the notification intake queue. It names one user (<c>user_id</c>) or several
/// (<c>user_ids</c>), never both; or no one, for a broadcast on a public topic or to everyone, which
/// REST names in its query and a queued message beside these fields.
/// </summary>
/// <param name="Type">The <c>notification_type</c>, e.g. <c>alert</c>.</param>
/// <param name="Email">An address for an email copy; with one recipient only.</param>
public record NotificationRequest(
    string? UserId = null,
    IReadOnlyList<string>? UserIds = null,
    string? Title = null,
    string? Message = null,
    string? Type = null,
    JsonElement? Data = null,
    string? Email = null)
{
    /// <summary><c>user_id</c> alone: answered with the stored notification.</summary>
    public bool IsForOneUser => UserId is not null && UserIds is null;

    /// <summary>Neither <c>user_id</c> nor <c>user_ids</c>: over REST, a broadcast on a public topic.</summary>
    public bool NamesNoRecipient => UserId is null && UserIds is null;

    public NotifyUserCommand ToUserCommand() => IsForOneUser
        ? new NotifyUserCommand(UserId!, Title ?? string.Empty, Message ?? string.Empty, Type ?? string.Empty, Data, Email)
        : throw new InvalidOperationException("The request does not name exactly one user by 'user_id'.");

    /// <summary>The command for every user named, by <c>user_id</c> or by <c>user_ids</c>.</summary>
    /// <exception cref="ValidationException">Both are given, or neither.</exception>
    public NotifyUsersCommand ToUsersCommand()
    {
        EnsureOneKindOfRecipient();
        return new NotifyUsersCommand(UserIds ?? [UserId!], Title ?? string.Empty, Message ?? string.Empty, Type ?? string.Empty, Data, Email);
    }

    /// <summary>A broadcast of the request's content to the subscribers of <paramref name="topic"/>.</summary>
    public PublishToTopicCommand ToTopicCommand(string topic) => new(topic, Type ?? string.Empty, Message ?? string.Empty, Data);

    /// <summary>A broadcast of the request's content to every connection.</summary>
    public BroadcastToAllCommand ToAllCommand() => new(Type ?? string.Empty, Message ?? string.Empty, Data);

    /// <summary>
    /// Every target the request names: its users, and the public <paramref name="topic"/> or everyone
    /// (<paramref name="all"/>) its sender names beside it. Exactly one makes a request; none or several
    /// are refused, over REST and from the queue alike, so that nothing reaches an audience the sender
    /// did not mean.
    /// </summary>
    public IReadOnlyList<NotificationTarget> TargetsNamed(string? topic, bool all)
    {
        var targets = new List<NotificationTarget>(3);
        if (!NamesNoRecipient)
        {
            targets.Add(NotificationTarget.Users);
        }

        if (topic is not null)
        {
            targets.Add(NotificationTarget.Topic);
        }

        if (all)
        {
            targets.Add(NotificationTarget.All);
        }

        return targets;
    }

    /// <summary>The command for a sender that names the target with the request, as a queued message does.</summary>
    /// <exception cref="ValidationException">Several targets are named, or none (<see cref="TargetsNamed"/>).</exception>
    public IOnceRequest ToCommand(string? topic, bool all)
    {
        var targets = TargetsNamed(topic, all);
        return targets switch
        {
            [] => throw TargetProblem("Name a target: 'user_id' or 'user_ids' to notify users, 'topic' to broadcast on a public topic, or 'all' to broadcast to every connection."),
            [NotificationTarget.Topic] => ToTopicCommand(topic!),
            [NotificationTarget.All] => ToAllCommand(),
            [NotificationTarget.Users] => ToUsersCommand(),
            _ => throw TargetProblem($"Name one target, not several: {string.Join(" and ", targets.Select(FieldOf))} were given."),
        };
    }

    /// <summary>The field that names the recipients, quoted as an error message names it.</summary>
    public string RecipientField => UserIds is null ? "'user_id'" : "'user_ids'";

    private string FieldOf(NotificationTarget target) => target switch
    {
        NotificationTarget.Users => RecipientField,
        NotificationTarget.Topic => "'topic'",
        _ => "'all'",
    };

    private static ValidationException TargetProblem(string message) => new([new ValidationFailure("target", message)]);

    private void EnsureOneKindOfRecipient()
    {
        var problem = (UserId, UserIds) switch
        {
            (not null, not null) => "Give 'user_id' for one user or 'user_ids' for several, not both.",
            (null, null) => "Name the recipient with 'user_id', or several with 'user_ids'.",
            _ => null,
        };
        if (problem is not null)
        {
            throw new ValidationException([new ValidationFailure("user_ids", problem)]);
        }
    }
}
