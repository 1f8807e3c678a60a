using Friday.Domain.Activities;
using Friday.Domain.Common;

namespace Friday.Domain.Tests;

public sealed class ActivityTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddMinutes(5);

    [Fact]
    public void Log_WhenActionGiven_ShouldRaiseCreatedWithTheActivity()
    {
        var subject = Guid.NewGuid();
        var occurred = Now.AddHours(-1);

        var activity = Activity.Log("alice", ActivitySubject.Task, subject, " commented ", "Nice", occurred, Now);

        var change = Assert.IsType<EntityChanged<Activity>>(Assert.Single(activity.DomainEvents));
        Assert.Equal(ChangeAction.Created, change.Action);
        Assert.Same(activity, change.Entity);
        Assert.Equal("commented", activity.Action);
        Assert.Equal(ActivitySubject.Task, activity.SubjectType);
        Assert.Equal(subject, activity.SubjectId);
        Assert.Equal(occurred, activity.OccurredAt);
        Assert.Equal(1, activity.Version);
    }

    [Fact]
    public void Log_WhenOccurredAtMissing_ShouldUseNow()
    {
        var activity = Activity.Log("alice", ActivitySubject.Note, Guid.NewGuid(), "shared", null!, null, Now);

        Assert.Equal(Now, activity.OccurredAt);
        Assert.Equal(string.Empty, activity.Description);
    }

    [Fact]
    public void Topics_ShouldHaveACollectionButNoInstanceTopic()
    {
        var activity = Activity.Log("alice", ActivitySubject.Note, Guid.NewGuid(), "shared", "", null, Now);

        Assert.Equal("activity", activity.EntityName);
        Assert.Equal("activities", activity.CollectionTopic);
        Assert.Null(activity.InstanceTopic);
    }

    [Fact]
    public void Log_WhenActionBlank_ShouldThrowDomainException()
    {
        Assert.Throws<DomainException>(() => Activity.Log("alice", ActivitySubject.Note, Guid.NewGuid(), " ", "", null, Now));
    }

    [Fact]
    public void Update_WhenVersionCurrent_ShouldRaiseUpdatedAndBumpVersion()
    {
        var activity = Activity.Log("alice", ActivitySubject.Note, Guid.NewGuid(), "shared", "", null, Now);
        activity.ClearDomainEvents();

        activity.Update("edited", "More", 1, Later);

        var change = Assert.IsType<EntityChanged<Activity>>(Assert.Single(activity.DomainEvents));
        Assert.Equal(ChangeAction.Updated, change.Action);
        Assert.Equal("edited", activity.Action);
        Assert.Equal("More", activity.Description);
        Assert.Equal(2, activity.Version);
        Assert.Equal(Later, activity.UpdatedAt);
    }

    [Fact]
    public void Update_WhenVersionStale_ShouldThrowConcurrencyConflictAndChangeNothing()
    {
        var activity = Activity.Log("alice", ActivitySubject.Note, Guid.NewGuid(), "shared", "", null, Now);
        activity.ClearDomainEvents();

        Assert.Throws<ConcurrencyConflictException>(() => activity.Update("edited", "More", 3, Later));

        Assert.Equal("shared", activity.Action);
        Assert.Equal(1, activity.Version);
        Assert.Empty(activity.DomainEvents);
    }

    [Fact]
    public void Delete_WhenVersionCurrent_ShouldRaiseDeletedAndBumpVersion()
    {
        var activity = Activity.Log("alice", ActivitySubject.Note, Guid.NewGuid(), "shared", "", null, Now);
        activity.ClearDomainEvents();

        activity.Delete(null, Later);

        var change = Assert.IsType<EntityChanged<Activity>>(Assert.Single(activity.DomainEvents));
        Assert.Equal(ChangeAction.Deleted, change.Action);
        Assert.Equal(2, activity.Version);
        Assert.Equal(Later, activity.UpdatedAt);
    }
}
