using FluentValidation.TestHelper;
using Friday.Application.Activities.Commands;
using Friday.Application.Activities.Queries;
using Friday.Application.Notes.Commands;
using Friday.Application.Notes.Queries;
using Friday.Application.Realtime;
using Friday.Application.Tasks.Commands;
using Friday.Application.Tasks.Queries;

namespace Friday.Application.Tests.Common;

public sealed class ValidatorTests
{
    private static readonly Guid Id = Guid.NewGuid();

    // Notes

    [Fact]
    public void CreateNote_WhenValid_ShouldPass()
    {
        new CreateNoteCommandValidator().TestValidate(new CreateNoteCommand("alice", new string('t', 200), new string('c', 20_000)))
            .ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void CreateNote_WhenTitleEmpty_ShouldFailOnTitle(string? title)
    {
        new CreateNoteCommandValidator().TestValidate(new CreateNoteCommand("alice", title!, null)).ShouldHaveValidationErrorFor(c => c.Title);
    }

    [Fact]
    public void CreateNote_WhenTitleTooLong_ShouldFailOnTitle()
    {
        new CreateNoteCommandValidator().TestValidate(new CreateNoteCommand("alice", new string('t', 201), null)).ShouldHaveValidationErrorFor(c => c.Title);
    }

    [Fact]
    public void CreateNote_WhenContentTooLong_ShouldFailOnContent()
    {
        new CreateNoteCommandValidator().TestValidate(new CreateNoteCommand("alice", "T", new string('c', 20_001))).ShouldHaveValidationErrorFor(c => c.Content);
    }

    [Fact]
    public void CreateNote_WhenUserMissing_ShouldFailOnUserId()
    {
        new CreateNoteCommandValidator().TestValidate(new CreateNoteCommand("", "T", null)).ShouldHaveValidationErrorFor(c => c.UserId);
    }

    [Fact]
    public void UpdateNote_WhenValid_ShouldPass()
    {
        new UpdateNoteCommandValidator().TestValidate(new UpdateNoteCommand("alice", Id, "T", null, null)).ShouldNotHaveAnyValidationErrors();
        new UpdateNoteCommandValidator().TestValidate(new UpdateNoteCommand("alice", Id, "T", null, 1)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void UpdateNote_WhenVersionNotPositive_ShouldFailOnVersion(long version)
    {
        new UpdateNoteCommandValidator().TestValidate(new UpdateNoteCommand("alice", Id, "T", null, version)).ShouldHaveValidationErrorFor(c => c.Version);
    }

    [Fact]
    public void UpdateNote_WhenFieldsBroken_ShouldFailOnEach()
    {
        var result = new UpdateNoteCommandValidator().TestValidate(new UpdateNoteCommand("", Guid.Empty, new string('t', 201), new string('c', 20_001), null));

        result.ShouldHaveValidationErrorFor(c => c.UserId);
        result.ShouldHaveValidationErrorFor(c => c.Id);
        result.ShouldHaveValidationErrorFor(c => c.Title);
        result.ShouldHaveValidationErrorFor(c => c.Content);
    }

    [Fact]
    public void DeleteNote_WhenVersionZeroOrIdEmpty_ShouldFail()
    {
        var result = new DeleteNoteCommandValidator().TestValidate(new DeleteNoteCommand("alice", Guid.Empty, 0));

        result.ShouldHaveValidationErrorFor(c => c.Id);
        result.ShouldHaveValidationErrorFor(c => c.Version);
        new DeleteNoteCommandValidator().TestValidate(new DeleteNoteCommand("alice", Id, null)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(1, 200, true)]
    [InlineData(0, 10, false)]
    [InlineData(1, 0, false)]
    [InlineData(1, 201, false)]
    public void ListNotes_ShouldBoundPageAndPageSize(int page, int pageSize, bool valid)
    {
        var result = new ListNotesQueryValidator().TestValidate(new ListNotesQuery("alice", page, pageSize));

        Assert.Equal(valid, result.IsValid);
    }

    // Tasks

    [Fact]
    public void CreateTask_WhenFieldsBroken_ShouldFailOnEach()
    {
        var result = new CreateTaskCommandValidator().TestValidate(new CreateTaskCommand(" ", "", new string('d', 20_001), null));

        result.ShouldHaveValidationErrorFor(c => c.UserId);
        result.ShouldHaveValidationErrorFor(c => c.Title);
        result.ShouldHaveValidationErrorFor(c => c.Description);
    }

    [Fact]
    public void CreateTask_WhenTitleTooLong_ShouldFailOnTitle()
    {
        new CreateTaskCommandValidator().TestValidate(new CreateTaskCommand("alice", new string('t', 201), null, null)).ShouldHaveValidationErrorFor(c => c.Title);
        new CreateTaskCommandValidator().TestValidate(new CreateTaskCommand("alice", new string('t', 200), null, null)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void UpdateTask_WhenVersionZeroAndTitleEmpty_ShouldFailOnBoth()
    {
        var result = new UpdateTaskCommandValidator().TestValidate(new UpdateTaskCommand("alice", Id, "", null, null, 0));

        result.ShouldHaveValidationErrorFor(c => c.Title);
        result.ShouldHaveValidationErrorFor(c => c.Version);
        result.ShouldNotHaveValidationErrorFor(c => c.Id);
    }

    [Fact]
    public void CompleteTask_WhenVersionNegative_ShouldFailOnVersion()
    {
        new CompleteTaskCommandValidator().TestValidate(new CompleteTaskCommand("alice", Id, -3)).ShouldHaveValidationErrorFor(c => c.Version);
        new CompleteTaskCommandValidator().TestValidate(new CompleteTaskCommand("alice", Guid.Empty, 1)).ShouldHaveValidationErrorFor(c => c.Id);
        new CompleteTaskCommandValidator().TestValidate(new CompleteTaskCommand("alice", Id, 1)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void DeleteTask_WhenVersionZero_ShouldFailOnVersion()
    {
        new DeleteTaskCommandValidator().TestValidate(new DeleteTaskCommand("alice", Id, 0)).ShouldHaveValidationErrorFor(c => c.Version);
        new DeleteTaskCommandValidator().TestValidate(new DeleteTaskCommand("", Id, 1)).ShouldHaveValidationErrorFor(c => c.UserId);
    }

    [Theory]
    [InlineData(1, 200, true)]
    [InlineData(0, 10, false)]
    [InlineData(1, 201, false)]
    [InlineData(1, -5, false)]
    public void ListTasks_ShouldBoundPageAndPageSize(int page, int pageSize, bool valid)
    {
        Assert.Equal(valid, new ListTasksQueryValidator().TestValidate(new ListTasksQuery("alice", null, page, pageSize)).IsValid);
    }

    // Activities

    [Theory]
    [InlineData("note")]
    [InlineData("task")]
    public void LogActivity_WhenSubjectTypeKnown_ShouldPass(string subjectType)
    {
        new LogActivityCommandValidator().TestValidate(new LogActivityCommand("alice", subjectType, Id, "commented", null, null)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("Note")]
    [InlineData("activity")]
    [InlineData("")]
    [InlineData(null)]
    public void LogActivity_WhenSubjectTypeUnknown_ShouldFailOnSubjectType(string? subjectType)
    {
        new LogActivityCommandValidator().TestValidate(new LogActivityCommand("alice", subjectType!, Id, "commented", null, null))
            .ShouldHaveValidationErrorFor(c => c.SubjectType);
    }

    [Fact]
    public void LogActivity_WhenFieldsBroken_ShouldFailOnEach()
    {
        var result = new LogActivityCommandValidator().TestValidate(new LogActivityCommand("", "note", Guid.Empty, new string('a', 101), new string('d', 2_001), null));

        result.ShouldHaveValidationErrorFor(c => c.UserId);
        result.ShouldHaveValidationErrorFor(c => c.SubjectId);
        result.ShouldHaveValidationErrorFor(c => c.Action);
        result.ShouldHaveValidationErrorFor(c => c.Description);
    }

    [Fact]
    public void LogActivity_WhenActionEmpty_ShouldFailOnAction()
    {
        new LogActivityCommandValidator().TestValidate(new LogActivityCommand("alice", "note", Id, "", null, null)).ShouldHaveValidationErrorFor(c => c.Action);
    }

    [Fact]
    public void UpdateActivity_WhenFieldsBroken_ShouldFailOnEach()
    {
        var result = new UpdateActivityCommandValidator().TestValidate(new UpdateActivityCommand("alice", Guid.Empty, "", new string('d', 2_001), 0));

        result.ShouldHaveValidationErrorFor(c => c.Id);
        result.ShouldHaveValidationErrorFor(c => c.Action);
        result.ShouldHaveValidationErrorFor(c => c.Description);
        result.ShouldHaveValidationErrorFor(c => c.Version);
        new UpdateActivityCommandValidator().TestValidate(new UpdateActivityCommand("alice", Id, "a", null, 1)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void DeleteActivity_WhenVersionZero_ShouldFailOnVersion()
    {
        new DeleteActivityCommandValidator().TestValidate(new DeleteActivityCommand("alice", Id, 0)).ShouldHaveValidationErrorFor(c => c.Version);
        new DeleteActivityCommandValidator().TestValidate(new DeleteActivityCommand("alice", Id, null)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(0, 1, false)]
    [InlineData(1, 201, false)]
    public void ListActivities_ShouldBoundPageAndPageSize(int page, int pageSize, bool valid)
    {
        Assert.Equal(valid, new ListActivitiesQueryValidator().TestValidate(new ListActivitiesQuery("alice", null, page, pageSize)).IsValid);
    }

    // Publishing

    [Theory]
    [InlineData("system_status")]
    [InlineData("system.alerts")]
    [InlineData("chat:room-1")]
    public void PublishToTopic_WhenPublicTopic_ShouldPass(string topic)
    {
        new PublishToTopicCommandValidator().TestValidate(new PublishToTopicCommand(topic, "alert", "Hello", null)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("")]
    [InlineData("System")]
    [InlineData("two words")]
    [InlineData(null)]
    public void PublishToTopic_WhenTopicBreaksTheNamingRules_ShouldFailOnTopic(string? topic)
    {
        new PublishToTopicCommandValidator().TestValidate(new PublishToTopicCommand(topic!, "alert", "Hello", null)).ShouldHaveValidationErrorFor(c => c.Topic);
    }

    [Fact]
    public void PublishToTopic_WhenTopic129Characters_ShouldFailOnTopic()
    {
        new PublishToTopicCommandValidator().TestValidate(new PublishToTopicCommand(new string('a', 129), "alert", "Hello", null)).ShouldHaveValidationErrorFor(c => c.Topic);
    }

    [Theory]
    [InlineData("notes")]
    [InlineData("tasks")]
    [InlineData("activities")]
    [InlineData("notifications")]
    [InlineData("note:3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("task:3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    public void PublishToTopic_WhenTopicIsUserScoped_ShouldFailOnTopicWithOneMessage(string topic)
    {
        var result = new PublishToTopicCommandValidator().TestValidate(new PublishToTopicCommand(topic, "alert", "Hello", null));

        var error = Assert.Single(result.ShouldHaveValidationErrorFor(c => c.Topic));
        Assert.Contains("user", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishToTopic_WhenTypeOrMessageBroken_ShouldFailOnEach()
    {
        var result = new PublishToTopicCommandValidator().TestValidate(new PublishToTopicCommand("system", "", null!, null));

        result.ShouldHaveValidationErrorFor(c => c.Type);
        result.ShouldHaveValidationErrorFor(c => c.Message);
    }

    [Fact]
    public void PublishToTopic_WhenTypeOrMessageTooLong_ShouldFailOnEach()
    {
        var result = new PublishToTopicCommandValidator().TestValidate(new PublishToTopicCommand("system", new string('t', 65), new string('m', 4001), null));

        result.ShouldHaveValidationErrorFor(c => c.Type);
        result.ShouldHaveValidationErrorFor(c => c.Message);
    }

    [Fact]
    public void PublishToTopic_WhenMessageEmpty_ShouldPass()
    {
        new PublishToTopicCommandValidator().TestValidate(new PublishToTopicCommand("system", "ping", "", null)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void PublishToTopic_WhenTopicIsBroadcast_ShouldFailOnTopicPointingToTheBroadcastToAll()
    {
        var result = new PublishToTopicCommandValidator().TestValidate(new PublishToTopicCommand("broadcast", "alert", "Hello", null));

        var error = Assert.Single(result.ShouldHaveValidationErrorFor(c => c.Topic));
        Assert.Contains("?all=true", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void BroadcastToAll_WhenValid_ShouldPass()
    {
        new BroadcastToAllCommandValidator().TestValidate(new BroadcastToAllCommand("maintenance", "Down at 22:00", null)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void BroadcastToAll_WhenTypeOrMessageBroken_ShouldFailOnEach()
    {
        var result = new BroadcastToAllCommandValidator().TestValidate(new BroadcastToAllCommand("", null!, null));

        result.ShouldHaveValidationErrorFor(c => c.Type);
        result.ShouldHaveValidationErrorFor(c => c.Message);
    }

    [Fact]
    public void BroadcastToAll_WhenTypeOrMessageTooLong_ShouldFailOnEach()
    {
        var result = new BroadcastToAllCommandValidator().TestValidate(new BroadcastToAllCommand(new string('t', 65), new string('m', 4001), null));

        result.ShouldHaveValidationErrorFor(c => c.Type);
        result.ShouldHaveValidationErrorFor(c => c.Message);
    }
}
