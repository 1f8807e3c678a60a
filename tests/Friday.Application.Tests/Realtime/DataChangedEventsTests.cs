using Friday.Application.Activities;
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

public sealed class DataChangedEventsTests
{
    private readonly Mock<IStreamOutbox> _outbox = new(MockBehavior.Strict);
    private readonly ManualClock _clock = new();
    private readonly List<(Audience Audience, WebSocketMessage Message)> _sent = [];

    public DataChangedEventsTests()
    {
        _outbox.Setup(o => o.Add(It.IsAny<Audience>(), It.IsAny<WebSocketMessage>(), It.IsAny<Guid?>()))
            .Callback<Audience, WebSocketMessage, Guid?>((a, m, _) => _sent.Add((a, m)));
    }

    [Fact]
    public void Handle_WhenNoteCreated_ShouldSendOneDataChangedToTheOwnersNoteTopics()
    {
        var note = Note.Create("alice", "T", "C", _clock.Now);
        var publisher = new DataChangedEvents<Note>(_outbox.Object, new NoteSnapshotMapper(), _clock);

        publisher.Handle(new EntityChanged<Note>(note, ChangeAction.Created));

        var (audience, message) = Assert.Single(_sent);
        Assert.Equal("alice", audience.UserId);
        Assert.Equal(["notes", $"note:{note.Id}"], audience.Topics);
        var changed = Assert.IsType<DataChangedMessage>(message);
        Assert.Equal(0, changed.Seq);
        Assert.Equal("notes", changed.Topic);
        Assert.Equal("note", changed.Entity);
        Assert.Equal("created", changed.Action);
        Assert.Equal(note.Id, changed.Id);
        Assert.Equal(NoteDto.From(note), Assert.IsType<NoteDto>(changed.Data));
        Assert.Equal(_clock.Now, changed.Timestamp);
        Assert.Null(changed.ReplyTo);
    }

    [Fact]
    public void Handle_WhenNoteUpdated_ShouldSendUpdatedWithTheNewSnapshot()
    {
        var note = Note.Create("alice", "T", "C", _clock.Now);
        note.Update("T2", "C2", 1, _clock.Now);
        var publisher = new DataChangedEvents<Note>(_outbox.Object, new NoteSnapshotMapper(), _clock);

        publisher.Handle(new EntityChanged<Note>(note, ChangeAction.Updated));

        var changed = Assert.IsType<DataChangedMessage>(Assert.Single(_sent).Message);
        Assert.Equal("updated", changed.Action);
        var data = Assert.IsType<NoteDto>(changed.Data);
        Assert.Equal("T2", data.Title);
        Assert.Equal(2, data.Version);
    }

    [Fact]
    public void Handle_WhenNoteDeleted_ShouldSendDeletedWithNullData()
    {
        var note = Note.Create("alice", "T", "C", _clock.Now);
        var publisher = new DataChangedEvents<Note>(_outbox.Object, new NoteSnapshotMapper(), _clock);

        publisher.Handle(new EntityChanged<Note>(note, ChangeAction.Deleted));

        var (audience, message) = Assert.Single(_sent);
        var changed = Assert.IsType<DataChangedMessage>(message);
        Assert.Equal("deleted", changed.Action);
        Assert.Null(changed.Data);
        Assert.Equal(note.Id, changed.Id);
        Assert.Equal(["notes", $"note:{note.Id}"], audience.Topics);
    }

    [Fact]
    public void Handle_WhenTaskCompleted_ShouldSendCompletedToTheOwnersTaskTopics()
    {
        var task = TaskItem.Create("bob", "T", "D", null, _clock.Now);
        task.Complete(null, _clock.Now);
        var publisher = new DataChangedEvents<TaskItem>(_outbox.Object, new TaskSnapshotMapper(), _clock);

        publisher.Handle(new EntityChanged<TaskItem>(task, ChangeAction.Completed));

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
    public void Handle_WhenActivityLogged_ShouldSendOnlyToTheActivitiesTopic()
    {
        var activity = Activity.Log("carol", ActivitySubject.Note, Guid.NewGuid(), "shared", "", null, _clock.Now);
        var publisher = new DataChangedEvents<Activity>(_outbox.Object, new ActivitySnapshotMapper(), _clock);

        publisher.Handle(new EntityChanged<Activity>(activity, ChangeAction.Created));

        var (audience, message) = Assert.Single(_sent);
        Assert.Equal("carol", audience.UserId);
        Assert.Equal(["activities"], audience.Topics);
        var changed = Assert.IsType<DataChangedMessage>(message);
        Assert.Equal("activity", changed.Entity);
        Assert.Equal("activities", changed.Topic);
        Assert.Equal(ActivityDto.From(activity), Assert.IsType<ActivityDto>(changed.Data));
    }

    [Fact]
    public void Handle_WhenCalledTwice_ShouldWriteOneOutboxEventEach()
    {
        var note = Note.Create("alice", "T", "C", _clock.Now);
        var events = new DataChangedEvents<Note>(_outbox.Object, new NoteSnapshotMapper(), _clock);
        var change = new EntityChanged<Note>(note, ChangeAction.Updated);

        events.Handle(change);
        events.Handle(change);

        Assert.Equal(2, _sent.Count);
        Assert.All(_sent, s => Assert.Equal(0, ((DataChangedMessage)s.Message).Seq));
    }
}
