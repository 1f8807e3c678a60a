using System.Net;
using Friday.Tests.Support;

namespace Friday.WebApi.Tests;

public class TaskEndpointTests(FridayServer server) : IClassFixture<FridayServer>
{
    [ProviderFact]
    public async Task Lifecycle_CreateUpdateCompleteDelete_ShouldWork()
    {
        using var alice = server.ClientFor("alice-tasks-1");
        using var created = await alice.PostJsonAsync("/api/tasks", new { title = "Write docs", description = "All of them", due_at = "2030-01-01T00:00:00Z" });
        var task = await created.ReadJsonAsync();
        var id = task.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("2030-01-01T00:00:00.000Z", task.GetProperty("due_at").GetString());
        Assert.False(task.GetProperty("completed").GetBoolean());

        using var updated = await alice.PutJsonAsync($"/api/tasks/{id}", new { title = "Write all docs", version = 1 });
        Assert.Equal(2, (await updated.ReadJsonAsync()).GetProperty("version").GetInt64());

        using var completed = await alice.PostAsync($"/api/tasks/{id}/complete", null);
        var done = await completed.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.True(done.GetProperty("completed").GetBoolean());

        using var again = await alice.PostAsync($"/api/tasks/{id}/complete", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using var deleted = await alice.DeleteAsync($"/api/tasks/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [ProviderFact]
    public async Task List_FilteredByCompletion_ShouldReturnTheMatchingTasks()
    {
        using var alice = server.ClientFor("alice-tasks-2");
        var open = await (await alice.PostJsonAsync("/api/tasks", new { title = "Open" })).ReadJsonAsync();
        var closed = await (await alice.PostJsonAsync("/api/tasks", new { title = "Closed" })).ReadJsonAsync();
        (await alice.PostAsync($"/api/tasks/{closed.GetProperty("id").GetString()}/complete", null)).Dispose();

        var completed = await (await alice.GetAsync("/api/tasks?completed=true")).ReadJsonAsync();
        var pending = await (await alice.GetAsync("/api/tasks?completed=false")).ReadJsonAsync();

        Assert.Equal(closed.GetProperty("id").GetString(), Assert.Single(completed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(open.GetProperty("id").GetString(), Assert.Single(pending.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [ProviderFact]
    public async Task Complete_WithStaleVersion_ShouldBe409()
    {
        using var alice = server.ClientFor("alice-tasks-3");
        var task = await (await alice.PostJsonAsync("/api/tasks", new { title = "T" })).ReadJsonAsync();
        var id = task.GetProperty("id").GetString();
        (await alice.PutJsonAsync($"/api/tasks/{id}", new { title = "T2" })).Dispose();

        using var response = await alice.PostAsync($"/api/tasks/{id}/complete?version=1", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [ProviderFact]
    public async Task AnotherUsersTask_ShouldBe404()
    {
        using var alice = server.ClientFor("alice-tasks-4");
        using var bob = server.ClientFor("bob-tasks-4");
        var id = (await (await alice.PostJsonAsync("/api/tasks", new { title = "Mine" })).ReadJsonAsync()).GetProperty("id").GetString();

        using var get = await bob.GetAsync($"/api/tasks/{id}");
        using var complete = await bob.PostAsync($"/api/tasks/{id}/complete", null);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, complete.StatusCode);
    }

    [ProviderFact]
    public async Task Create_WithoutTitle_ShouldBe400()
    {
        using var alice = server.ClientFor("alice-tasks-5");
        using var response = await alice.PostJsonAsync("/api/tasks", new { description = "x" });
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
    }
}

public sealed class TaskEndpointPostgresTests(PostgresFridayServer server) : TaskEndpointTests(server), IClassFixture<PostgresFridayServer>, IPostgresTests;

public sealed class TaskEndpointSqlServerTests(SqlServerFridayServer server) : TaskEndpointTests(server), IClassFixture<SqlServerFridayServer>, ISqlServerTests;
