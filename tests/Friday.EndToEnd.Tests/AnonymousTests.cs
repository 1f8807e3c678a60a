using System.Text.Json;
using Friday.Infrastructure.Identity;
using Friday.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

/// <summary>With <c>Realtime:AllowAnonymous</c> a connection needs no token, and then reaches public topics only.</summary>
public sealed class AnonymousTests : IAsyncLifetime
{
    private readonly FridayServer _server = new();

    public Task InitializeAsync()
    {
        _server.Settings["Realtime:AllowAnonymous"] = "true";
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    /// <summary>PROTOCOL.md: an invalid or expired token is refused with 4001; anonymity is for connections that send none.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InvalidOrExpiredToken_ShouldBeRefusedWith4001_EvenWhereAnonymousIsAllowed(bool upgradeOnConnection)
    {
        _server.Settings["Realtime:UpgradeOnConnection"] = upgradeOnConnection ? "true" : "false";
        var expired = _server.Services.GetRequiredService<ITokenIssuer>().Issue("anon-expired", [], TimeSpan.FromMinutes(-10));

        foreach (var bad in new[] { expired, "not-a-jwt" })
        {
            await using var refused = await _server.ConnectAsync(null, extraQuery: $"token={bad}");
            var error = await refused.ReceiveTypeAsync("error");
            Assert.Equal("unauthorized", error.GetProperty("code").GetString());
            Assert.Equal(4001, (int)(await refused.ReceiveCloseAsync())!);
        }

        await using var anonymous = await _server.ConnectAsync(null);
        Assert.Equal(JsonValueKind.Null, (await anonymous.ReceiveTypeAsync("connection")).GetProperty("user_id").ValueKind);
    }

    [Fact]
    public async Task AnonymousConnection_ShouldHearPublicTopics()
    {
        await using var anonymous = await _server.ConnectAsync(null);
        var connection = await anonymous.ReceiveTypeAsync("connection");
        await anonymous.SendAsync(new { type = "subscribe", topic = "system_status", id = "s" });
        var subscribed = await anonymous.ReceiveNonHeartbeatAsync();
        using var service = _server.ClientFor("anon-publisher", "service");

        (await service.PostJsonAsync("/api/notifications?topic=system_status", new { type = "status", message = "All good" })).Dispose();
        var broadcast = await anonymous.ReceiveTypeAsync("notification");

        Assert.Equal(JsonValueKind.Null, connection.GetProperty("user_id").ValueKind);
        Assert.Equal("subscription", subscribed!.Value.GetProperty("type").GetString());
        Assert.Equal("system_status", subscribed.Value.GetProperty("topic").GetString());
        Assert.Equal("All good", broadcast.GetProperty("message").GetString());
    }

    [Fact]
    public async Task AnonymousConnection_ShouldBeForbiddenEverythingOfAUser_AndKeepWorking()
    {
        using var alice = _server.ClientFor("anon-alice");
        var noteId = (await alice.CreateNoteAsync()).GetProperty("id").GetString();
        await using var anonymous = await _server.ConnectAsync(null);
        await anonymous.ReceiveTypeAsync("connection");
        object[] requests =
        [
            new { type = "subscribe", topic = "notes", id = "1" },
            new { type = "subscribe", topic = $"note:{noteId}", id = "2" },
            new { type = "subscribe", topic = "notifications", id = "3" },
            new { type = "subscribe", notification_types = new[] { "task_reminder" }, id = "4" },
            new { type = "get_unread_count", id = "5" },
        ];

        foreach (var request in requests)
        {
            await anonymous.SendAsync(request);
            var error = await anonymous.ReceiveTypeAsync("error");
            Assert.Equal("forbidden", error.GetProperty("code").GetString());
        }

        (await alice.PutJsonAsync($"/api/notes/{noteId}", new { title = "Private" })).Dispose();
        await anonymous.SendAsync(new { type = "ping", id = "after" });
        var next = (await anonymous.ReceiveNonHeartbeatAsync())!.Value;
        Assert.Equal("pong", next.GetProperty("type").GetString());
        Assert.Equal("after", next.GetProperty("reply_to").GetString());
    }
}
