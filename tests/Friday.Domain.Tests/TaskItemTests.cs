using Friday.Domain.Common;
using Friday.Domain.Tasks;

namespace Friday.Domain.Tests;

public sealed class TaskItemTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Created.AddMinutes(5);
    private static readonly DateTimeOffset Due = Created.AddDays(1);

    [Fact]
    public void Create_WhenTitleGiven_ShouldRaiseCreatedWithTheTask()
    {
        var task = TaskItem.Create("alice", " Pay ", "Rent", Due, Created);

        var change = Assert.IsType<EntityChanged<TaskItem>>(Assert.Single(task.DomainEvents));
        Assert.Equal(ChangeAction.Created, change.Action);
        Assert.Same(task, change.Entity);
        Assert.Equal("Pay", task.Title);
        Assert.Equal("Rent", task.Description);
        Assert.Equal(Due, task.DueAt);
        Assert.False(task.IsCompleted);
        Assert.Null(task.CompletedAt);
        Assert.Equal(1, task.Version);
        Assert.Equal("task", task.EntityName);
        Assert.Equal("tasks", task.CollectionTopic);
        Assert.Equal($"task:{task.Id}", task.InstanceTopic);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\t ")]
    public void Create_WhenTitleBlank_ShouldThrowDomainException(string title)
    {
        Assert.Throws<DomainException>(() => TaskItem.Create("alice", title, "D", null, Created));
    }

    [Fact]
    public void Update_WhenVersionCurrent_ShouldRaiseUpdatedAndBumpVersion()
    {
        var task = TaskItem.Create("alice", "T", "D", Due, Created);
        task.ClearDomainEvents();

        task.Update("T2", "D2", null, 1, Later);

        var change = Assert.IsType<EntityChanged<TaskItem>>(Assert.Single(task.DomainEvents));
        Assert.Equal(ChangeAction.Updated, change.Action);
        Assert.Equal("T2", task.Title);
        Assert.Equal("D2", task.Description);
        Assert.Null(task.DueAt);
        Assert.Equal(2, task.Version);
        Assert.Equal(Later, task.UpdatedAt);
    }

    [Fact]
    public void Update_WhenVersionStale_ShouldThrowConcurrencyConflictAndChangeNothing()
    {
        var task = TaskItem.Create("alice", "T", "D", Due, Created);
        task.ClearDomainEvents();

        Assert.Throws<ConcurrencyConflictException>(() => task.Update("T2", "D2", null, 2, Later));

        Assert.Equal("T", task.Title);
        Assert.Equal(Due, task.DueAt);
        Assert.Equal(1, task.Version);
        Assert.Equal(Created, task.UpdatedAt);
        Assert.Empty(task.DomainEvents);
    }

    [Fact]
    public void Complete_WhenOpen_ShouldRaiseCompletedAndStampCompletedAt()
    {
        var task = TaskItem.Create("alice", "T", "D", Due, Created);
        task.ClearDomainEvents();

        task.Complete(1, Later);

        var change = Assert.IsType<EntityChanged<TaskItem>>(Assert.Single(task.DomainEvents));
        Assert.Equal(ChangeAction.Completed, change.Action);
        Assert.True(task.IsCompleted);
        Assert.Equal(Later, task.CompletedAt);
        Assert.Equal(2, task.Version);
        Assert.Equal(Later, task.UpdatedAt);
    }

    [Fact]
    public void Complete_WhenAlreadyCompleted_ShouldThrowDomainExceptionAndChangeNothing()
    {
        var task = TaskItem.Create("alice", "T", "D", Due, Created);
        task.Complete(null, Later);
        task.ClearDomainEvents();

        var ex = Assert.Throws<DomainException>(() => task.Complete(null, Later.AddHours(1)));

        Assert.IsNotType<ConcurrencyConflictException>(ex);
        Assert.Equal(Later, task.CompletedAt);
        Assert.Equal(2, task.Version);
        Assert.Empty(task.DomainEvents);
    }

    [Fact]
    public void Complete_WhenVersionStale_ShouldThrowConcurrencyConflictAndStayOpen()
    {
        var task = TaskItem.Create("alice", "T", "D", Due, Created);
        task.ClearDomainEvents();

        Assert.Throws<ConcurrencyConflictException>(() => task.Complete(5, Later));

        Assert.False(task.IsCompleted);
        Assert.Equal(1, task.Version);
        Assert.Empty(task.DomainEvents);
    }

    [Fact]
    public void Delete_WhenVersionCurrent_ShouldRaiseDeletedAndBumpVersion()
    {
        var task = TaskItem.Create("alice", "T", "D", Due, Created);
        task.ClearDomainEvents();

        task.Delete(1, Later);

        var change = Assert.IsType<EntityChanged<TaskItem>>(Assert.Single(task.DomainEvents));
        Assert.Equal(ChangeAction.Deleted, change.Action);
        Assert.Equal(2, task.Version);
        Assert.Equal(Later, task.UpdatedAt);
    }

    [Fact]
    public void Delete_WhenVersionStale_ShouldThrowConcurrencyConflictAndChangeNothing()
    {
        var task = TaskItem.Create("alice", "T", "D", Due, Created);
        task.ClearDomainEvents();

        Assert.Throws<ConcurrencyConflictException>(() => task.Delete(0, Later));

        Assert.Equal(1, task.Version);
        Assert.Empty(task.DomainEvents);
    }

    [Fact]
    public void DueForReminder_ShouldHoldForAnOpenDueTaskOnlyUntilRemindedOfThatDueTime()
    {
        var due = TaskItem.DueForReminder(Due).Compile();
        var task = TaskItem.Create("alice", "Pay", "Rent", Due, Created);
        var notYetDue = TaskItem.Create("alice", "Later", "", Due.AddMinutes(1), Created);
        var undated = TaskItem.Create("alice", "Someday", "", null, Created);

        Assert.True(due(task));
        Assert.False(due(notYetDue));
        Assert.False(due(undated));

        task.MarkReminded();
        Assert.False(due(task));

        task.Update("Pay", "Rent", Due.AddMinutes(-1), null, Later);
        Assert.True(due(task));

        task.Complete(null, Later);
        Assert.False(due(task));
    }
}
