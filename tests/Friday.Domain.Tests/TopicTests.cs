using Friday.Domain.Realtime;

namespace Friday.Domain.Tests;

public sealed class TopicTests
{
    [Theory]
    [InlineData("notes")]
    [InlineData("system_status")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("note:3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("a.b-c_d:e")]
    public void IsValid_WhenNameMatchesTheRules_ShouldBeTrue(string topic)
    {
        Assert.True(Topic.IsValid(topic));
    }

    [Fact]
    public void IsValid_When128Characters_ShouldBeTrue()
    {
        Assert.True(Topic.IsValid(new string('a', 128)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Notes")]
    [InlineData("system status")]
    [InlineData(" notes")]
    [InlineData("a/b")]
    [InlineData("é")]
    [InlineData("topic*")]
    [InlineData(null)]
    public void IsValid_WhenNameBreaksTheRules_ShouldBeFalse(string? topic)
    {
        Assert.False(Topic.IsValid(topic));
    }

    [Theory]
    [InlineData("notes\n")]
    [InlineData("system_status\n")]
    public void IsValid_WhenNameEndsInNewline_ShouldBeFalse(string topic)
    {
        Assert.False(Topic.IsValid(topic));
    }

    [Fact]
    public void IsValid_When129Characters_ShouldBeFalse()
    {
        Assert.False(Topic.IsValid(new string('a', 129)));
    }

    [Theory]
    [InlineData("notes", TopicKind.UserCollection)]
    [InlineData("tasks", TopicKind.UserCollection)]
    [InlineData("activities", TopicKind.UserCollection)]
    [InlineData("notifications", TopicKind.UserNotifications)]
    [InlineData("note:abc", TopicKind.NoteInstance)]
    [InlineData("note:", TopicKind.NoteInstance)]
    [InlineData("task:abc", TopicKind.TaskInstance)]
    [InlineData("system_status", TopicKind.Public)]
    [InlineData("notes2", TopicKind.Public)]
    [InlineData("notesx:1", TopicKind.Public)]
    [InlineData("activity:1", TopicKind.Public)]
    public void Classify_ShouldReturnTheKind(string topic, TopicKind expected)
    {
        Assert.Equal(expected, Topic.Classify(topic));
    }

    [Theory]
    [InlineData("notes", true)]
    [InlineData("tasks", true)]
    [InlineData("activities", true)]
    [InlineData("notifications", true)]
    [InlineData("note:1", true)]
    [InlineData("task:1", true)]
    [InlineData("system_alerts", false)]
    [InlineData("chat.room-1", false)]
    public void IsUserScoped_ShouldBeTrueOnlyForUserTopics(string topic, bool expected)
    {
        Assert.Equal(expected, Topic.IsUserScoped(topic));
    }

    [Theory]
    [InlineData("notifications", true)]
    [InlineData("broadcast", true)]
    [InlineData("notes", false)]
    [InlineData("system_status", false)]
    [InlineData("broadcast.eu", false)]
    public void IsAutomatic_ShouldBeTrueOnlyForTheTopicsAConnectionHoldsWithoutAsking(string topic, bool expected)
    {
        Assert.Equal(expected, Topic.IsAutomatic(topic));
    }

    [Fact]
    public void Broadcast_ShouldBeAValidPublicTopic()
    {
        Assert.True(Topic.IsValid(Topic.Broadcast));
        Assert.Equal(TopicKind.Public, Topic.Classify(Topic.Broadcast));
    }
}
