using System.Text.Json;
using FluentValidation;
using Friday.Application.Notifications;
using Friday.Application.Notifications.Commands;
using Friday.Application.Realtime;

namespace Friday.Application.Tests.Notifications;

/// <summary><see cref="NotificationRequest.ToCommand"/>: a request that names its target itself goes to exactly one.</summary>
public sealed class NotificationRequestTargetTests
{
    private static readonly JsonElement Data = JsonDocument.Parse("""{"minutes":5}""").RootElement;
    private static readonly NotificationRequest Content = new(Title: "Heads up", Message: "Maintenance at noon", Type: "maintenance", Data: Data);

    [Fact]
    public void Topic_ShouldBeABroadcastOnThatTopic_WithTheContent()
    {
        var command = Assert.IsType<PublishToTopicCommand>(Content.ToCommand("system_alerts", all: false));

        Assert.Equal(("system_alerts", "maintenance", "Maintenance at noon", 5), (command.Topic, command.Type, command.Message, command.Data!.Value.GetProperty("minutes").GetInt32()));
    }

    [Fact]
    public void All_ShouldBeABroadcastToEveryone_WithTheContent()
    {
        var command = Assert.IsType<BroadcastToAllCommand>(Content.ToCommand(null, all: true));

        Assert.Equal(("maintenance", "Maintenance at noon"), (command.Type, command.Message));
    }

    [Fact]
    public void UserIdOrUserIds_ShouldNotifyThoseUsers()
    {
        Assert.Equal(["alice"], Assert.IsType<NotifyUsersCommand>((Content with { UserId = "alice" }).ToCommand(null, all: false)).UserIds);
        Assert.Equal(["alice", "bob"], Assert.IsType<NotifyUsersCommand>((Content with { UserIds = ["alice", "bob"] }).ToCommand(null, all: false)).UserIds);
    }

    [Theory]
    [InlineData("alice", null, "system_alerts", false, "'user_id' and 'topic'")]
    [InlineData(null, "alice", null, true, "'user_ids' and 'all'")]
    [InlineData(null, null, "system_alerts", true, "'topic' and 'all'")]
    [InlineData("alice", null, "system_alerts", true, "'user_id' and 'topic' and 'all'")]
    public void SeveralTargets_ShouldBeInvalid_NamingThem(string? userId, string? userIds, string? topic, bool all, string named)
    {
        var request = Content with { UserId = userId, UserIds = userIds is null ? null : [userIds] };

        var failure = Assert.Single(Assert.Throws<ValidationException>(() => request.ToCommand(topic, all)).Errors);

        Assert.Equal("target", failure.PropertyName);
        Assert.Equal($"Name one target, not several: {named} were given.", failure.ErrorMessage);
    }

    [Fact]
    public void NoTarget_ShouldBeInvalid()
    {
        var failure = Assert.Single(Assert.Throws<ValidationException>(() => Content.ToCommand(null, all: false)).Errors);

        Assert.Equal("target", failure.PropertyName);
        Assert.StartsWith("Name a target:", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void UserIdAndUserIds_ShouldBeInvalid_AsOverRest()
    {
        var request = Content with { UserId = "alice", UserIds = ["bob"] };

        var failure = Assert.Single(Assert.Throws<ValidationException>(() => request.ToCommand(null, all: false)).Errors);

        Assert.Equal("user_ids", failure.PropertyName);
    }
}
