using System.Net;
using Friday.Tests.Support;

namespace Friday.WebApi.Tests;

public class ActivityEndpointTests(FridayServer server) : IClassFixture<FridayServer>
{
    [ProviderFact]
    public async Task Lifecycle_LogListUpdateDelete_ShouldWork()
    {
        using var alice = server.ClientFor("alice-act-1");
        var noteId = (await alice.CreateNoteAsync()).GetProperty("id").GetString();

        using var created = await alice.PostJsonAsync("/api/activities", new { subject_type = "note", subject_id = noteId, action = "commented", description = "Nice" });
        var activity = await created.ReadJsonAsync();
        var id = activity.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("note", activity.GetProperty("subject_type").GetString());

        var list = await (await alice.GetAsync($"/api/activities?subject_id={noteId}")).ReadJsonAsync();
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        using var updated = await alice.PutJsonAsync($"/api/activities/{id}", new { action = "edited", version = 1 });
        Assert.Equal("edited", (await updated.ReadJsonAsync()).GetProperty("action").GetString());

        using var stale = await alice.PutJsonAsync($"/api/activities/{id}", new { action = "again", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        using var deleted = await alice.DeleteAsync($"/api/activities/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await alice.GetAsync($"/api/activities/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [ProviderFact]
    public async Task Log_AboutAnotherUsersNote_ShouldBe404()
    {
        using var alice = server.ClientFor("alice-act-2");
        using var bob = server.ClientFor("bob-act-2");
        var noteId = (await alice.CreateNoteAsync()).GetProperty("id").GetString();

        using var response = await bob.PostJsonAsync("/api/activities", new { subject_type = "note", subject_id = noteId, action = "peeked" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [ProviderFact]
    public async Task Log_WithUnknownSubjectType_ShouldBe400WithFieldError()
    {
        using var alice = server.ClientFor("alice-act-3");
        using var response = await alice.PostJsonAsync("/api/activities", new { subject_type = "planet", subject_id = Guid.NewGuid(), action = "x" });
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("subject_type", out _));
    }

    [ProviderFact]
    public async Task AnotherUsersActivity_ShouldBe404()
    {
        using var alice = server.ClientFor("alice-act-4");
        using var bob = server.ClientFor("bob-act-4");
        var taskId = (await (await alice.PostJsonAsync("/api/tasks", new { title = "T" })).ReadJsonAsync()).GetProperty("id").GetString();
        var id = (await (await alice.PostJsonAsync("/api/activities", new { subject_type = "task", subject_id = taskId, action = "started" })).ReadJsonAsync()).GetProperty("id").GetString();

        using var response = await bob.GetAsync($"/api/activities/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class ActivityEndpointPostgresTests(PostgresFridayServer server) : ActivityEndpointTests(server), IClassFixture<PostgresFridayServer>, IPostgresTests;

public sealed class ActivityEndpointSqlServerTests(SqlServerFridayServer server) : ActivityEndpointTests(server), IClassFixture<SqlServerFridayServer>, ISqlServerTests;
