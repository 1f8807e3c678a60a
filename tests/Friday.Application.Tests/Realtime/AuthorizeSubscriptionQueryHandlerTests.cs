using Friday.Application.Realtime;
using Friday.Application.Tests.Support;
using Friday.Domain.Notes;
using Friday.Domain.Tasks;

namespace Friday.Application.Tests.Realtime;

public sealed class AuthorizeSubscriptionQueryHandlerTests : IDisposable
{
    private readonly SqliteDatabase _database = new();
    private readonly Guid _aliceNote;
    private readonly Guid _bobNote;
    private readonly Guid _aliceTask;
    private readonly Guid _bobTask;

    public AuthorizeSubscriptionQueryHandlerTests()
    {
        using var db = _database.CreateContext();
        var now = DateTimeOffset.UtcNow;
        var aliceNote = Note.Create("alice", "A", "", now);
        var bobNote = Note.Create("bob", "B", "", now);
        var aliceTask = TaskItem.Create("alice", "A", "", null, now);
        var bobTask = TaskItem.Create("bob", "B", "", null, now);
        db.AddRange(aliceNote, bobNote, aliceTask, bobTask);
        db.SaveChanges();
        (_aliceNote, _bobNote, _aliceTask, _bobTask) = (aliceNote.Id, bobNote.Id, aliceTask.Id, bobTask.Id);
    }

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("alice")]
    [InlineData(null)]
    public async Task Handle_WhenPublicTopic_ShouldAllowAnyone(string? user)
    {
        Assert.Equal(TopicAccess.Allowed, await AuthorizeAsync(user, "system_status"));
    }

    [Theory]
    [InlineData("notes")]
    [InlineData("tasks")]
    [InlineData("activities")]
    [InlineData("notifications")]
    public async Task Handle_WhenUserTopicForAnonymous_ShouldForbid(string topic)
    {
        Assert.Equal(TopicAccess.Forbidden, await AuthorizeAsync(null, topic));
    }

    [Theory]
    [InlineData("notes")]
    [InlineData("tasks")]
    [InlineData("activities")]
    [InlineData("notifications")]
    public async Task Handle_WhenUserTopicForAuthenticatedUser_ShouldAllow(string topic)
    {
        Assert.Equal(TopicAccess.Allowed, await AuthorizeAsync("alice", topic));
    }

    [Fact]
    public async Task Handle_WhenOwnNoteTopic_ShouldAllow()
    {
        Assert.Equal(TopicAccess.Allowed, await AuthorizeAsync("alice", $"note:{_aliceNote}"));
    }

    [Fact]
    public async Task Handle_WhenAnotherUsersNoteTopic_ShouldForbid()
    {
        Assert.Equal(TopicAccess.Forbidden, await AuthorizeAsync("alice", $"note:{_bobNote}"));
    }

    [Fact]
    public async Task Handle_WhenNoteTopicForAnonymous_ShouldForbid()
    {
        Assert.Equal(TopicAccess.Forbidden, await AuthorizeAsync(null, $"note:{_aliceNote}"));
    }

    [Fact]
    public async Task Handle_WhenUnknownNoteId_ShouldReportNotFound()
    {
        Assert.Equal(TopicAccess.NotFound, await AuthorizeAsync("alice", $"note:{Guid.NewGuid()}"));
    }

    [Fact]
    public async Task Handle_WhenNoteTopicNamesATask_ShouldReportNotFound()
    {
        Assert.Equal(TopicAccess.NotFound, await AuthorizeAsync("alice", $"note:{_aliceTask}"));
    }

    [Fact]
    public async Task Handle_WhenOwnTaskTopic_ShouldAllow()
    {
        Assert.Equal(TopicAccess.Allowed, await AuthorizeAsync("alice", $"task:{_aliceTask}"));
    }

    [Fact]
    public async Task Handle_WhenAnotherUsersTaskTopic_ShouldForbid()
    {
        Assert.Equal(TopicAccess.Forbidden, await AuthorizeAsync("alice", $"task:{_bobTask}"));
    }

    [Fact]
    public async Task Handle_WhenUnknownTaskId_ShouldReportNotFound()
    {
        Assert.Equal(TopicAccess.NotFound, await AuthorizeAsync("alice", $"task:{Guid.NewGuid()}"));
    }

    [Theory]
    [InlineData("note:not-a-guid")]
    [InlineData("note:")]
    [InlineData("task:123")]
    public async Task Handle_WhenInstanceIdIsNotAGuid_ShouldReportInvalid(string topic)
    {
        Assert.Equal(TopicAccess.Invalid, await AuthorizeAsync("alice", topic));
    }

    [Fact]
    public async Task Handle_WhenNoteIdIsNotInTheCanonicalForm_ShouldReportInvalid()
    {
        Assert.Equal(TopicAccess.Invalid, await AuthorizeAsync("alice", $"note:{_aliceNote:N}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Notes")]
    [InlineData("system status")]
    public async Task Handle_WhenNameBreaksTheRules_ShouldReportInvalid(string topic)
    {
        Assert.Equal(TopicAccess.Invalid, await AuthorizeAsync("alice", topic));
    }

    [Fact]
    public async Task Handle_WhenName129Characters_ShouldReportInvalid()
    {
        Assert.Equal(TopicAccess.Invalid, await AuthorizeAsync(null, new string('x', 129)));
    }

    private async Task<TopicAccess> AuthorizeAsync(string? user, string topic)
    {
        await using var db = _database.CreateContext();
        return await new AuthorizeSubscriptionQueryHandler(db).Handle(new AuthorizeSubscriptionQuery(user, topic), CancellationToken.None);
    }
}
