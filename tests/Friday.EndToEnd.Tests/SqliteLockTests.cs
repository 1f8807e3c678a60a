using System.Net;
using Friday.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// SQLite cannot be "cut off" from a node the way a PostgreSQL server can, and a root test process
/// cannot make its file unreadable. What does happen in production is another process holding the
/// write lock (a backup, an sqlite3 shell left in a transaction) past busy_timeout (30 s): writes
/// must then get the same 503 to retry, and work again once the lock is gone.
/// </summary>
public sealed class SqliteLockTests
{
    private const string User = "sqlite-locked";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task WriteLockHeldByAnotherProcess_ShouldAnswer503_ThenRecoverWhenItIsReleased()
    {
        await using var server = new FridayServer();
        await using var socket = await server.ConnectReadyAsync(User, extraQuery: "topics=notes");
        using var client = server.ClientFor(User);
        client.Timeout = Generous * 2;
        await client.CreateNoteAsync("before");
        await socket.ReceiveTypeAsync("data_changed", Generous);

        using (var holder = new SqliteConnection($"Data Source={server.Database};Pooling=False"))
        {
            holder.Open();
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE;";
            begin.ExecuteNonQuery();

            using var write = await client.PostJsonAsync("/api/notes", new { title = "during", content = "Text" });
            await UnavailableProblem.AssertAsync(write, "5");
            using var anonymous = server.AnonymousClient();
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
            await socket.SendAsync(new { type = "ping", id = "still-there" });
            Assert.Equal("still-there", (await socket.ReceiveTypeAsync("pong", Generous)).GetProperty("reply_to").GetString());
        }

        var after = await client.CreateNoteAsync("after");
        var changed = await socket.ReceiveTypeAsync("data_changed", Generous);
        Assert.Equal(after.GetProperty("id").GetString(), changed.GetProperty("id").GetString());
    }
}
