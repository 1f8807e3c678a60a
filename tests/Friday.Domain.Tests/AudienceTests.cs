using Friday.Domain.Realtime;

namespace Friday.Domain.Tests;

public sealed class AudienceTests
{
    [Fact]
    public void User_WhenTopicsGiven_ShouldCarryUserAndTopicsInOrder()
    {
        var audience = Audience.User("alice", "notes", "note:1");

        Assert.Equal("alice", audience.UserId);
        Assert.Equal(["notes", "note:1"], audience.Topics);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void User_WhenUserIdBlank_ShouldThrowArgumentException(string? userId)
    {
        Assert.ThrowsAny<ArgumentException>(() => Audience.User(userId!, "notes"));
    }

    [Fact]
    public void PublicTopic_ShouldHaveNoUserAndTheOneTopic()
    {
        var audience = Audience.PublicTopic("system_status");

        Assert.Null(audience.UserId);
        Assert.Equal(["system_status"], audience.Topics);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void PublicTopic_WhenTopicBlank_ShouldThrowArgumentException(string? topic)
    {
        Assert.ThrowsAny<ArgumentException>(() => Audience.PublicTopic(topic!));
    }
}
