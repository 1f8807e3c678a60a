using FluentValidation;
using Friday.Application.Common.Events;
using Friday.Application.Common.Interfaces;
using Friday.Application.Notes;
using Friday.Application.Notes.Commands;
using Friday.Application.Realtime;
using Friday.Application.Tests.Support;
using Friday.Domain.Activities;
using Friday.Domain.Common;
using Friday.Domain.Notes;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Domain.Tasks;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Friday.Application.Tests.Realtime;

public sealed class AddApplicationTests : IDisposable
{
    private readonly SqliteDatabase _database = new();
    private readonly Mock<IWebSocketManager> _sockets = new();
    private readonly Mock<IStreamSequence> _sequence = new();
    private readonly ServiceProvider _provider;

    public AddApplicationTests()
    {
        _sequence.Setup(s => s.Issue()).Returns(11);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped(sp => _database.CreateContext(sp.GetRequiredService<IDomainEventDispatcher>()));
        services.AddScoped<IFridayDbContext>(sp => sp.GetRequiredService<TestDbContext>());
        services.AddSingleton(_sockets.Object);
        services.AddSingleton(_sequence.Object);
        services.AddApplication();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public void Dispose()
    {
        _provider.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Send_WhenCreateNoteCommandValid_ShouldPersistThroughTheRealPipeline()
    {
        await using var scope = _provider.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var dto = await mediator.Send(new CreateNoteCommand("alice", "Through the pipeline", "C"));

        await using var check = _database.CreateContext();
        var stored = await check.Notes.SingleAsync();
        Assert.Equal(dto.Id, stored.Id);
        Assert.Equal("Through the pipeline", stored.Title);
    }

    [Fact]
    public async Task Send_WhenCreateNoteCommandValid_ShouldPublishOneDataChangedAfterTheSave()
    {
        await using var scope = _provider.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var dto = await mediator.Send(new CreateNoteCommand("alice", "T", null));

        _sockets.Verify(
            s => s.SendToAudience(
                It.Is<Audience>(a => a.UserId == "alice" && a.Topics.SequenceEqual(new[] { "notes", $"note:{dto.Id}" })),
                It.Is<DataChangedMessage>(m => m.Action == "created" && m.Id == dto.Id && m.Seq == 11)),
            Times.Once);
    }

    [Fact]
    public async Task Send_WhenCreateNoteCommandInvalid_ShouldThrowValidationExceptionAndSaveNothing()
    {
        await using var scope = _provider.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var ex = await Assert.ThrowsAsync<ValidationException>(() => mediator.Send(new CreateNoteCommand("alice", "", null)));

        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(CreateNoteCommand.Title));
        await using var check = _database.CreateContext();
        Assert.False(await check.Notes.AnyAsync());
        _sockets.Verify(s => s.SendToAudience(It.IsAny<Audience>(), It.IsAny<WebSocketMessage>()), Times.Never);
    }

    [Fact]
    public void GetServices_ForNoteChangeNotifications_ShouldResolveExactlyOneDataChangedPublisher()
    {
        using var scope = _provider.CreateScope();

        var handlers = scope.ServiceProvider.GetServices<INotificationHandler<DomainEventNotification<EntityChanged<Note>>>>().ToList();

        Assert.IsType<DataChangedPublisher<Note>>(Assert.Single(handlers));
    }

    [Fact]
    public void GetService_ForEveryOwnedEntity_ShouldResolveADataChangedPublisherAndSnapshotMapper()
    {
        using var scope = _provider.CreateScope();

        Assert.IsType<DataChangedPublisher<TaskItem>>(scope.ServiceProvider.GetRequiredService<INotificationHandler<DomainEventNotification<EntityChanged<TaskItem>>>>());
        Assert.IsType<DataChangedPublisher<Activity>>(scope.ServiceProvider.GetRequiredService<INotificationHandler<DomainEventNotification<EntityChanged<Activity>>>>());
        Assert.IsType<NoteSnapshotMapper>(scope.ServiceProvider.GetRequiredService<ISnapshotMapper<Note>>());
    }

    [Fact]
    public void GetServices_ForCreateNoteCommand_ShouldResolveLoggingThenValidationBehaviours()
    {
        using var scope = _provider.CreateScope();

        var behaviours = scope.ServiceProvider.GetServices<IPipelineBehavior<CreateNoteCommand, NoteDto>>().Select(b => b.GetType().Name).ToList();

        Assert.Equal(["LoggingBehaviour`2", "ValidationBehaviour`2"], behaviours);
    }

    [Fact]
    public void GetServices_ForCreateNoteCommandValidator_ShouldResolveExactlyOne()
    {
        var validators = _provider.GetServices<IValidator<CreateNoteCommand>>().ToList();

        Assert.IsType<CreateNoteCommandValidator>(Assert.Single(validators));
    }
}
