using System.Net;
using System.Text.Json;
using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// The database goes away under a running node and comes back: requests get a 503 to retry, the node
/// and its sockets stay up, and once the database answers again writes and their events flow
/// without a restart. The node reaches the real PostgreSQL through a relay the test can cut.
/// </summary>
public sealed class PostgresOutageTests
{
    private const string User = "pg-outage";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task DatabaseCutOff_ShouldAnswer503AndKeepTheNodeUp_ThenRecoverWithoutARestart()
    {
        await using var relay = TcpForwarder.ToPostgres();
        await using var server = new FridayServer { Provider = DatabaseProvider.Postgres, Database = relay.Route(TestPostgres.CreateDatabase()) };
        server.Settings["Database:RetryAfterSeconds"] = "7";
        await using var socket = await server.ConnectReadyAsync(User, extraQuery: "topics=notes");
        using var client = server.ClientFor(User);
        var note = await client.CreateNoteAsync("before");
        await socket.ReceiveTypeAsync("data_changed", Generous);

        await relay.CutAsync();

        using (var write = await client.PostJsonAsync("/api/notes", new { title = "during", content = "Text" }))
        {
            await UnavailableProblem.AssertAsync(write, "7");
        }

        using (var read = await client.GetAsync("/api/notes"))
        {
            await UnavailableProblem.AssertAsync(read, "7");
        }

        using var anonymous = server.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/health/ready")).StatusCode);
        await AssertAnsweredUnavailableAsync(socket, new { type = "get_unread_count", id = "count" });
        await AssertAnsweredUnavailableAsync(socket, new { type = "subscribe", topic = $"note:{note.GetProperty("id").GetString()}", id = "owner" });
        await using (var late = await server.ConnectAsync(User, extraQuery: "last_seq=0"))
        {
            await late.ReceiveTypeAsync("connection");
            var error = await late.ReceiveTypeAsync("error", Generous);
            AssertUnavailable(error);
            Assert.False(error.TryGetProperty("reply_to", out _), "the greeting's error answers no message");
        }

        await socket.SendAsync(new { type = "ping", id = "still-there" });
        Assert.Equal("still-there", (await socket.ReceiveTypeAsync("pong")).GetProperty("reply_to").GetString());
        await WaitForLogAsync(server, "StreamSweepService cannot reach the database");

        relay.Restore();

        var after = await client.CreateNoteAsync("after");
        var changed = await socket.ReceiveTypeAsync("data_changed", Generous);
        Assert.Equal(after.GetProperty("id").GetString(), changed.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        await WaitForLogAsync(server, "StreamSweepService reached the database again");
        Assert.DoesNotContain(server.Logs.Lines, line => line.Contains("Password=", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task AssertAnsweredUnavailableAsync(TestSocket socket, object message)
    {
        await socket.SendAsync(message);
        AssertUnavailable(await socket.ReceiveTypeAsync("error", Generous));
    }

    private static void AssertUnavailable(JsonElement error)
    {
        Assert.Equal("internal_error", error.GetProperty("code").GetString());
        Assert.Equal("The database is unavailable; try again shortly.", error.GetProperty("message").GetString());
    }

    /// <summary>The sweep runs every second: it must notice the outage, keep running, and notice the return.</summary>
    private static Task WaitForLogAsync(FridayServer server, string text) => server.Logs.WaitForLineAsync(text, Generous);
}
