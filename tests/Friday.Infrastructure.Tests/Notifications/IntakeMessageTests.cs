using System.Text.Json;
using FluentValidation;
using Friday.Application.Notifications.Commands;
using Friday.Application.Realtime;
using Friday.Infrastructure.Notifications.Intake;

namespace Friday.Infrastructure.Tests.Notifications;

/// <summary>A queued message as JSON: the REST body's fields and the target REST takes from its query.</summary>
public sealed class IntakeMessageTests
{
    [Fact]
    public void Topic_ShouldBecomeABroadcastOnThatTopic()
    {
        var command = Assert.IsType<PublishToTopicCommand>(Parse("""{"topic":"system_alerts","type":"alert","message":"Disk full","data":{"disk":"/var"}}""").ToCommand());

        Assert.Equal(("system_alerts", "alert", "Disk full", "/var"), (command.Topic, command.Type, command.Message, command.Data!.Value.GetProperty("disk").GetString()));
    }

    [Fact]
    public void AllTrue_ShouldBecomeABroadcastToEveryone()
    {
        var command = Assert.IsType<BroadcastToAllCommand>(Parse("""{"all":true,"type":"maintenance","message":"Down at 22:00"}""").ToCommand());

        Assert.Equal(("maintenance", "Down at 22:00"), (command.Type, command.Message));
    }

    [Fact]
    public void AllFalse_ShouldNameNoTarget_LikeRestsAllFalse()
    {
        Assert.IsType<NotifyUsersCommand>(Parse("""{"all":false,"user_id":"alice","type":"news","message":"m"}""").ToCommand());
        Assert.Throws<ValidationException>(() => Parse("""{"all":false,"type":"news","message":"m"}""").ToCommand());
    }

    [Fact]
    public void UserFields_ShouldStillReadAsTheRestBody()
    {
        var command = Assert.IsType<NotifyUsersCommand>(Parse("""{"user_ids":["alice","bob"],"title":"T","message":"m","type":"news","email":null}""").ToCommand());

        Assert.Equal(["alice", "bob"], command.UserIds);
        Assert.Equal(("T", "m", "news"), (command.Title, command.Message, command.NotificationType));
    }

    [Theory]
    [InlineData("""{"user_id":"alice","topic":"system_alerts","type":"news","message":"m"}""")]
    [InlineData("""{"topic":"system_alerts","all":true,"type":"news","message":"m"}""")]
    [InlineData("""{"user_ids":["alice"],"all":true,"type":"news","message":"m"}""")]
    public void TwoTargets_ShouldBeInvalid_OnTarget(string json)
    {
        Assert.Equal("target", Assert.Single(Assert.Throws<ValidationException>(() => Parse(json).ToCommand()).Errors).PropertyName);
    }

    [Theory]
    [InlineData("""{"all":"yes","type":"news","message":"m"}""", "$.all")]
    [InlineData("""{"topic":7,"type":"news","message":"m"}""", "$.topic")]
    public void WrongJsonTypeOfATarget_ShouldNotParse_NamingTheField(string json, string path)
    {
        Assert.Equal(path, Assert.Throws<JsonException>(() => Parse(json)).Path);
    }

    private static IntakeMessage Parse(string json) => JsonSerializer.Deserialize(json, IntakeJsonContext.Default.IntakeMessage)!;
}
