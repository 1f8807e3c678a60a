using Friday.Application.Realtime;
using Friday.EndToEnd.Tests.Example;
using Friday.Tests.Support;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

/// <summary>The worked examples of docs/extending.md: the code quoted there is this code.</summary>
public sealed class ExtendingExampleTests(FridayServer server) : IClassFixture<FridayServer>
{
    [Fact]
    public async Task NewEntityType_WhenItsChangeCommits_ShouldReachTheOwnerAsDataChanged()
    {
        var bookmarkDatabase = Path.Combine(Path.GetTempPath(), $"friday-bookmarks-{Guid.NewGuid():N}.db");
        await using var friday = new ExtendedFridayServer(services => services
            .AddRealtimeEntity<Bookmark, BookmarkSnapshotMapper>()
            .AddDbContext<BookmarkDbContext>(o => o.UseSqlite($"Data Source={bookmarkDatabase};Pooling=False")));
        try
        {
            await using var owner = await friday.ConnectReadyAsync("bm-owner");
            await using var stranger = await friday.ConnectReadyAsync("bm-stranger");
            foreach (var socket in new[] { owner, stranger })
            {
                await socket.SendAsync(new { type = "subscribe", topic = "bookmarks" });
                await socket.ReceiveTypeAsync("subscription");
            }

            await using (var scope = friday.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BookmarkDbContext>();
                await db.Database.EnsureCreatedAsync();
                db.Bookmarks.Add(Bookmark.Create("bm-owner", "https://example.org", DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
            }

            var message = await owner.ReceiveTypeAsync("data_changed");

            Assert.Equal("bookmarks", message.GetProperty("topic").GetString());
            Assert.Equal("bookmark", message.GetProperty("entity").GetString());
            Assert.Equal("created", message.GetProperty("action").GetString());
            Assert.Equal("https://example.org", message.GetProperty("data").GetProperty("url").GetString());
            await stranger.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
        }
        finally
        {
            File.Delete(bookmarkDatabase);
        }
    }

    [Fact]
    public async Task InternalService_WhenItSendsPublishToTopic_ShouldReachTheTopicsSubscribers()
    {
        await using var subscriber = await server.ConnectReadyAsync("deploy-watcher");
        await subscriber.SendAsync(new { type = "subscribe", topic = "deployments" });
        await subscriber.ReceiveTypeAsync("subscription");

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            await mediator.Send(new PublishToTopicCommand("deployments", "deploy", "v2 is live", null));
        }

        var message = await subscriber.ReceiveTypeAsync("notification");

        Assert.Equal("deployments", message.GetProperty("topic").GetString());
        Assert.Equal("deploy", message.GetProperty("notification_type").GetString());
        Assert.Equal("v2 is live", message.GetProperty("message").GetString());
    }
}
