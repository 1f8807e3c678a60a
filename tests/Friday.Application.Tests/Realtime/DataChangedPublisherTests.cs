using Friday.Application.Activities;
using Friday.Application.Common.Events;
using Friday.Application.Notes;
using Friday.Application.Realtime;
using Friday.Application.Tasks;
using Friday.Application.Tests.Support;
using Friday.Domain.Activities;
using Friday.Domain.Common;
using Friday.Domain.Notes;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Domain.Tasks;
using Moq;

namespace Friday.Application.Tests.Realtime;

public sealed class DataChangedPublisherTests
{
    private readonly Mock<IWebSocketManager> _sockets = new(MockBehavior.Strict);
    private readonly Mock<IStreamSequence> _sequence = new(MockBehavior.Strict);
    private readonly ManualClock _clock = new();
    private readonly List<(Audience Audience, WebSocketMessage Message)> _sent = [];

    public DataChangedPublisherTests()
    {
        _sequence.Setup(s => s.Issue()).Returns(42);
        _sockets.Setup(s => s.SendToAudience(It.IsAny<Audience>(), It.IsAny<WebSocketMessage>()))
            .Callback<Audience, WebSocketMessage>((a, m) => _sent.Add((a, m)))
            .Returns(1);
    }

    [Fact]
    public async Task Handle_WhenNoteCreated_ShouldSendOneDataChangedToTheOwnersNoteTopics()
    {
        var note = Note.Create("alice", "T", "C", _clock.Now);
        var publisher = new DataChangedPublisher<Note>(_sockets.Object, new NoteSnapshotMapper(), _sequence.Object, _clock);

        await publisher.Handle(new DomainEventNotification<EntityChanged<Note>>(new EntityChanged<Note>(note, ChangeAction.Created)), CancellationToken.None);

        var (audience, message) = Assert.Single(_sent);
        Assert.Equal("alice", audience.UserId);
        Assert.Equal(["notes", $"note:{note.Id}"], audience.Topics);
        var changed = Assert.IsType<DataChangedMessage>(message);
        Assert.Equal(42, changed.Seq);
        Assert.Equal("notes", changed.Topic);
        Assert.Equal("note", changed.Entity);
        Assert.Equal("created", changed.Action);
        Assert.Equal(note.Id, changed.Id);
        Assert.Equal(NoteDto.From(note), Assert.IsType<NoteDto>(changed.Data));
        Assert.Equal(_clock.Now, changed.Timestamp);
        Assert.Null(changed.ReplyTo);
        _sequence.Verify(s => s.Issue(), Times.Once);
    }

    [Fact]
    public async Task Handle_WhenNoteUpdated_ShouldSendUpdatedWithTheNewSnapshot()
    {
        var note = Note.Create("alice", "T", "C", _clock.Now);
        note.Update("T2", "C2", 1, _clock.Now);
        var publisher = new DataChangedPublisher<Note>(_sockets.Object, new NoteSnapshotMapper(), _sequence.Object, _clock);

        await publisher.Handle(new DomainEventNotification<EntityChanged<Note>>(new EntityChanged<Note>(note, ChangeAction.Updated)), CancellationToken.None);

        var changed = Assert.IsType<DataChangedMessage>(Assert.Single(_sent).Message);
        Assert.Equal("updated", changed.Action);
        var data = Assert.IsType<NoteDto>(changed.Data);
        Assert.Equal("T2", data.Title);
        Assert.Equal(2, data.Version);
    }

    [Fact]
    public async Task Handle_WhenNoteDeleted_ShouldSendDeletedWithNullData()
    {
        var note = Note.Create("alice", "T", "C", _clock.Now);
        var publisher = new DataChangedPublisher<Note>(_sockets.Object, new NoteSnapshotMapper(), _sequence.Object, _clock);

        await publisher.Handle(new DomainEventNotification<EntityChanged<Note>>(new EntityChanged<Note>(note, ChangeAction.Deleted)), CancellationToken.None);

        var (audience, message) = Assert.Single(_sent);
        var changed = Assert.IsType<DataChangedMessage>(message);
        Assert.Equal("deleted", changed.Action);
        Assert.Null(changed.Data);
        Assert.Equal(note.Id, changed.Id);
        Assert.Equal(["notes", $"note:{note.Id}"], audience.Topics);
    }

    [Fact]
    public async Task Handle_WhenTaskCompleted_ShouldSendCompletedToTheOwnersTaskTopics()
    {
        var task = TaskItem.Create("bob", "T", "D", null, _clock.Now);
        task.Complete(null, _clock.Now);
        var publisher = new DataChangedPublisher<TaskItem>(_sockets.Object, new TaskSnapshotMapper(), _sequence.Object, _clock);

        await publisher.Handle(new DomainEventNotification<EntityChanged<TaskItem>>(new EntityChanged<TaskItem>(task, ChangeAction.Completed)), CancellationToken.None);

        var (audience, message) = Assert.Single(_sent);
        Assert.Equal("bob", audience.UserId);
        Assert.Equal(["tasks", $"task:{task.Id}"], audience.Topics);
        var changed = Assert.IsType<DataChangedMessage>(message);
        Assert.Equal("task", changed.Entity);
        Assert.Equal("tasks", changed.Topic);
        Assert.Equal("completed", changed.Action);
        Assert.True(Assert.IsType<TaskDto>(changed.Data).Completed);
    }

    [Fact]
    public async Task Handle_WhenActivityLogged_ShouldSendOnlyToTheActivitiesTopic()
    {
        var activity = Activity.Log("carol", ActivitySubject.Note, Guid.NewGuid(), "shared", "", null, _clock.Now);
        var publisher = new DataChangedPublisher<Activity>(_sockets.Object, new ActivitySnapshotMapper(), _sequence.Object, _clock);

        await publisher.Handle(new DomainEventNotification<EntityChanged<Activity>>(new EntityChanged<Activity>(activity, ChangeAction.Created)), CancellationToken.None);

        var (audience, message) = Assert.Single(_sent);
        Assert.Equal("carol", audience.UserId);
        Assert.Equal(["activities"], audience.Topics);
        var changed = Assert.IsType<DataChangedMessage>(message);
        Assert.Equal("activity", changed.Entity);
        Assert.Equal("activities", changed.Topic);
        Assert.Equal(ActivityDto.From(activity), Assert.IsType<ActivityDto>(changed.Data));
    }

    [Fact]
    public async Task Handle_WhenCalledTwice_ShouldIssueASeqForEachMessage()
    {
        var seq = 0L;
        _sequence.Setup(s => s.Issue()).Returns(() => ++seq);
        var note = Note.Create("alice", "T", "C", _clock.Now);
        var publisher = new DataChangedPublisher<Note>(_sockets.Object, new NoteSnapshotMapper(), _sequence.Object, _clock);
        var notification = new DomainEventNotification<EntityChanged<Note>>(new EntityChanged<Note>(note, ChangeAction.Updated));

        await publisher.Handle(notification, CancellationToken.None);
        await publisher.Handle(notification, CancellationToken.None);

        Assert.Equal([1L, 2L], _sent.Select(s => ((DataChangedMessage)s.Message).Seq));
    }
}
