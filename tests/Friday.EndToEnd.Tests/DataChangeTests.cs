using System.Text.Json;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>Every committed change reaches its owner's subscribed connections exactly once, and nobody else.</summary>
public class DataChangeTests(FridayServer server) : IClassFixture<FridayServer>
{
    [ProviderFact]
    public async Task CreateNote_ShouldReachTheOwnersSubscribedConnectionAsDataChanged()
    {
        await using var socket = await SubscribedAsync("dc-create", "notes");
        using var client = server.ClientFor("dc-create");

        var note = await client.CreateNoteAsync("Hello", "World");
        var message = await socket.ReceiveTypeAsync("data_changed");

        Assert.Equal("notes", message.GetProperty("topic").GetString());
        Assert.Equal("note", message.GetProperty("entity").GetString());
        Assert.Equal("created", message.GetProperty("action").GetString());
        Assert.Equal(note.GetProperty("id").GetString(), message.GetProperty("id").GetString());
        Assert.Equal("Hello", message.GetProperty("data").GetProperty("title").GetString());
        Assert.True(message.GetProperty("seq").GetInt64() > 0);
        Assert.EndsWith("Z", message.GetProperty("timestamp").GetString());
    }

    [ProviderFact]
    public async Task EveryAction_ShouldBeAnnounced_WithNullDataForDeleted()
    {
        await using var socket = await SubscribedAsync("dc-actions", "tasks");
        using var client = server.ClientFor("dc-actions");

        var task = await (await client.PostJsonAsync("/api/tasks", new { title = "T" })).ReadJsonAsync();
        var id = task.GetProperty("id").GetString();
        (await client.PutJsonAsync($"/api/tasks/{id}", new { title = "T2" })).Dispose();
        (await client.PostAsync($"/api/tasks/{id}/complete", null)).Dispose();
        (await client.DeleteAsync($"/api/tasks/{id}")).Dispose();

        var actions = new List<string>();
        JsonElement last = default;
        for (var i = 0; i < 4; i++)
        {
            last = await socket.ReceiveTypeAsync("data_changed");
            actions.Add(last.GetProperty("action").GetString()!);
        }

        Assert.Equal(["created", "updated", "completed", "deleted"], actions);
        Assert.True(last.TryGetProperty("data", out var data), $"'data' is missing from {last}");
        Assert.Equal(JsonValueKind.Null, data.ValueKind);
    }

    [ProviderFact]
    public async Task ActivityChanges_ShouldReachTheActivitiesTopic()
    {
        await using var socket = await SubscribedAsync("dc-activity", "activities");
        using var client = server.ClientFor("dc-activity");
        var noteId = (await client.CreateNoteAsync()).GetProperty("id").GetString();

        (await client.PostJsonAsync("/api/activities", new { subject_type = "note", subject_id = noteId, action = "shared" })).Dispose();
        var message = await socket.ReceiveTypeAsync("data_changed");

        Assert.Equal("activity", message.GetProperty("entity").GetString());
        Assert.Equal("shared", message.GetProperty("data").GetProperty("action").GetString());
    }

    [ProviderFact]
    public async Task TwoUsers_ShouldEachReceiveOnlyTheirOwnChanges()
    {
        await using var aliceSocket = await SubscribedAsync("dc-alice", "notes");
        await using var bobSocket = await SubscribedAsync("dc-bob", "notes");
        using var alice = server.ClientFor("dc-alice");
        using var bob = server.ClientFor("dc-bob");

        var aliceNote = await alice.CreateNoteAsync("Alice's");
        var bobNote = await bob.CreateNoteAsync("Bob's");

        Assert.Equal(aliceNote.GetProperty("id").GetString(), (await aliceSocket.ReceiveTypeAsync("data_changed")).GetProperty("id").GetString());
        Assert.Equal(bobNote.GetProperty("id").GetString(), (await bobSocket.ReceiveTypeAsync("data_changed")).GetProperty("id").GetString());
        await aliceSocket.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
    }

    [ProviderFact]
    public async Task UnsubscribedConnection_ShouldReceiveNoDataChanges()
    {
        await using var socket = await server.ConnectReadyAsync("dc-unsubscribed");
        using var client = server.ClientFor("dc-unsubscribed");

        await client.CreateNoteAsync();

        await socket.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
    }

    [ProviderFact]
    public async Task InstanceTopic_ShouldCarryOnlyThatEntity_AndOnceEvenWhenAlsoSubscribedToTheCollection()
    {
        using var client = server.ClientFor("dc-instance");
        var watched = (await client.CreateNoteAsync("Watched")).GetProperty("id").GetString();
        await using var onlyInstance = await SubscribedAsync("dc-instance", $"note:{watched}");
        await using var both = await SubscribedAsync("dc-instance", "notes", $"note:{watched}");

        await client.CreateNoteAsync("Other");
        (await client.PutJsonAsync($"/api/notes/{watched}", new { title = "Watched 2" })).Dispose();

        var instanceMessage = await onlyInstance.ReceiveTypeAsync("data_changed");
        Assert.Equal(watched, instanceMessage.GetProperty("id").GetString());
        Assert.Equal("updated", instanceMessage.GetProperty("action").GetString());

        var first = await both.ReceiveTypeAsync("data_changed");
        var second = await both.ReceiveTypeAsync("data_changed");
        Assert.Equal("created", first.GetProperty("action").GetString());
        Assert.Equal(watched, second.GetProperty("id").GetString());
        await both.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
    }

    [ProviderFact]
    public async Task ConcurrentChanges_ShouldEachArriveExactlyOncePerSubscribedConnection()
    {
        const int Writers = 20;
        await using var tab1 = await SubscribedAsync("dc-concurrent", "notes");
        await using var tab2 = await SubscribedAsync("dc-concurrent", "notes");
        using var client = server.ClientFor("dc-concurrent");

        var created = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => client.CreateNoteAsync($"Note {i}")));
        var expected = created.Select(n => n.GetProperty("id").GetString()!).Order().ToList();

        foreach (var tab in new[] { tab1, tab2 })
        {
            var seen = new List<string>();
            var seqs = new List<long>();
            for (var i = 0; i < Writers; i++)
            {
                var message = await tab.ReceiveTypeAsync("data_changed");
                seen.Add(message.GetProperty("id").GetString()!);
                seqs.Add(message.GetProperty("seq").GetInt64());
            }

            Assert.Equal(expected, seen.Order().ToList());
            Assert.Equal(Writers, seqs.Distinct().Count());
            await tab.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
        }
    }

    [ProviderFact]
    public async Task FailedCommands_ShouldAnnounceNothing()
    {
        await using var socket = await SubscribedAsync("dc-failed", "notes");
        using var client = server.ClientFor("dc-failed");
        var id = (await client.CreateNoteAsync()).GetProperty("id").GetString();
        await socket.ReceiveTypeAsync("data_changed");

        (await client.PostJsonAsync("/api/notes", new { title = string.Empty })).Dispose();
        (await client.PutJsonAsync($"/api/notes/{id}", new { title = "stale", version = 99 })).Dispose();
        (await client.DeleteAsync($"/api/notes/{Guid.NewGuid()}")).Dispose();

        await socket.AssertSilentAsync(TimeSpan.FromMilliseconds(500));
    }

    private async Task<TestSocket> SubscribedAsync(string userId, params string[] topics)
    {
        var socket = await server.ConnectReadyAsync(userId);
        await socket.SendAsync(new { type = "subscribe", topics });
        foreach (var _ in topics)
        {
            await socket.ReceiveTypeAsync("subscription");
        }

        return socket;
    }
}

public sealed class DataChangePostgresTests(PostgresFridayServer server) : DataChangeTests(server), IClassFixture<PostgresFridayServer>, IPostgresTests;

public sealed class DataChangeSqlServerTests(SqlServerFridayServer server) : DataChangeTests(server), IClassFixture<SqlServerFridayServer>, ISqlServerTests;
