using System.Net;
using Friday.Application.Notes.Commands;
using Friday.Domain.Common;
using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.WebApi.Tests;

public class NoteEndpointTests(FridayServer server) : IClassFixture<FridayServer>
{
    [ProviderFact]
    public async Task Create_ThenGet_ShouldReturnTheNoteInSnakeCase()
    {
        using var alice = server.ClientFor("alice-notes-1");
        var created = await alice.CreateNoteAsync("Groceries", "Milk");

        using var response = await alice.GetAsync($"/api/notes/{created.GetProperty("id").GetString()}");
        var note = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Groceries", note.GetProperty("title").GetString());
        Assert.Equal("Milk", note.GetProperty("content").GetString());
        Assert.Equal("alice-notes-1", note.GetProperty("owner_id").GetString());
        Assert.Equal(1, note.GetProperty("version").GetInt64());
        Assert.EndsWith("Z", note.GetProperty("created_at").GetString());
    }

    [ProviderFact]
    public async Task Create_ShouldAnswer201WithLocation()
    {
        using var alice = server.ClientFor("alice-notes-2");
        using var response = await alice.PostJsonAsync("/api/notes", new { title = "T", content = "C" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("/api/notes/", response.Headers.Location!.OriginalString);
    }

    [ProviderFact]
    public async Task List_ShouldReturnOnlyTheCallersNotesPaged()
    {
        using var alice = server.ClientFor("alice-notes-3");
        using var bob = server.ClientFor("bob-notes-3");
        for (var i = 0; i < 3; i++)
        {
            await alice.CreateNoteAsync($"Alice {i}");
        }

        await bob.CreateNoteAsync("Bob's");

        using var response = await alice.GetAsync("/api/notes?page=1&page_size=2");
        var page = await response.ReadJsonAsync();

        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.All(page.GetProperty("items").EnumerateArray(), n => Assert.Equal("alice-notes-3", n.GetProperty("owner_id").GetString()));
    }

    [ProviderFact]
    public async Task Update_WithCurrentVersion_ShouldChangeTheNoteAndBumpTheVersion()
    {
        using var alice = server.ClientFor("alice-notes-4");
        var id = (await alice.CreateNoteAsync()).GetProperty("id").GetString();

        using var response = await alice.PutJsonAsync($"/api/notes/{id}", new { title = "New", content = "Body", version = 1 });
        var note = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("New", note.GetProperty("title").GetString());
        Assert.Equal(2, note.GetProperty("version").GetInt64());
    }

    [ProviderFact]
    public async Task Update_WithStaleVersion_ShouldBe409Problem()
    {
        using var alice = server.ClientFor("alice-notes-5");
        var id = (await alice.CreateNoteAsync()).GetProperty("id").GetString();
        (await alice.PutJsonAsync($"/api/notes/{id}", new { title = "First", version = 1 })).Dispose();

        using var response = await alice.PutJsonAsync($"/api/notes/{id}", new { title = "Second", version = 1 });
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
    }

    /// <summary>
    /// The domain's own check passes for both writers here (each holds the version it loaded); only the
    /// database's concurrency token can refuse the second, and that must reach the caller as a conflict.
    /// </summary>
    [ProviderFact]
    public async Task TwoWritersOfTheSameVersion_ShouldLetTheDatabaseRefuseTheSecond_AsAConflict()
    {
        using var alice = server.ClientFor("alice-notes-race");
        var id = Guid.Parse((await alice.CreateNoteAsync("Original")).GetProperty("id").GetString()!);
        await using var slow = server.Services.CreateAsyncScope();
        var loaded = await slow.ServiceProvider.GetRequiredService<FridayDbContext>().Notes.SingleAsync(n => n.Id == id);
        Assert.Equal(1, loaded.Version);

        using var first = await alice.PutJsonAsync($"/api/notes/{id}", new { title = "First", version = 1 });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = slow.ServiceProvider.GetRequiredService<IMediator>().Send(new UpdateNoteCommand("alice-notes-race", id, "Second", null, 1));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second);
        using var after = await alice.GetAsync($"/api/notes/{id}");
        var note = await after.ReadJsonAsync();
        Assert.Equal("First", note.GetProperty("title").GetString());
        Assert.Equal(2, note.GetProperty("version").GetInt64());
    }

    [ProviderFact]
    public async Task Delete_ShouldRemoveTheNote()
    {
        using var alice = server.ClientFor("alice-notes-6");
        var id = (await alice.CreateNoteAsync()).GetProperty("id").GetString();

        using var deleted = await alice.DeleteAsync($"/api/notes/{id}");
        using var after = await alice.GetAsync($"/api/notes/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [ProviderFact]
    public async Task AnotherUsersNote_ShouldBe404ForEveryVerb()
    {
        using var alice = server.ClientFor("alice-notes-7");
        using var bob = server.ClientFor("bob-notes-7");
        var id = (await alice.CreateNoteAsync()).GetProperty("id").GetString();

        using var get = await bob.GetAsync($"/api/notes/{id}");
        using var put = await bob.PutJsonAsync($"/api/notes/{id}", new { title = "Hijack" });
        using var delete = await bob.DeleteAsync($"/api/notes/{id}");
        using var stillThere = await alice.GetAsync($"/api/notes/{id}");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal("A note", (await stillThere.ReadJsonAsync()).GetProperty("title").GetString());
    }

    [ProviderFact]
    public async Task Create_WithoutTitle_ShouldBe400WithFieldErrors()
    {
        using var alice = server.ClientFor("alice-notes-8");
        using var response = await alice.PostJsonAsync("/api/notes", new { content = "no title", title = string.Empty });
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
    }

    [ProviderFact]
    public async Task Create_WithTooLongTitle_ShouldBe400()
    {
        using var alice = server.ClientFor("alice-notes-9");
        using var response = await alice.PostJsonAsync("/api/notes", new { title = new string('x', 201) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [ProviderFact]
    public async Task Create_WithMalformedJson_ShouldBe400Problem()
    {
        using var alice = server.ClientFor("alice-notes-10");
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var response = await alice.PostAsync("/api/notes", content);
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [ProviderFact]
    public async Task UnknownId_ShouldBe404Problem()
    {
        using var alice = server.ClientFor("alice-notes-11");
        using var response = await alice.GetAsync($"/api/notes/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}

public sealed class NoteEndpointPostgresTests(PostgresFridayServer server) : NoteEndpointTests(server), IClassFixture<PostgresFridayServer>, IPostgresTests;

public sealed class NoteEndpointSqlServerTests(SqlServerFridayServer server) : NoteEndpointTests(server), IClassFixture<SqlServerFridayServer>, ISqlServerTests;
