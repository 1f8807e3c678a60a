using System.Net;
using Friday.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Friday.EndToEnd.Tests;

/// <summary>SQLite only: a trigger rejects one row, and another connection holds the write lock so that a batch can form.</summary>
public sealed class BroadcastGroupCommitFailureTests(FridayServer server) : IClassFixture<FridayServer>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task AFailingBatch_ShouldFailEveryCallerInIt_AndLeaveNoRows()
    {
        using var service = server.ClientFor("gc-failing", "service");
        await using var bystander = await BroadcastGroupCommitTests.SubscribedAsync(server, "gc_batched");
        await using var other = new SqliteConnection($"Data Source={server.Database}");
        await other.OpenAsync();
        await ExecuteAsync(other, """CREATE TRIGGER reject_poison BEFORE INSERT ON stream_events WHEN NEW."Topic" = 'gc_poison' BEGIN SELECT RAISE(ABORT, 'poison broadcast'); END;""");

        // The first broadcast is taken alone and waits for the lock; the next three queue behind it.
        await ExecuteAsync(other, "BEGIN IMMEDIATE;");
        var first = Publish(service, "gc_first");
        await Task.Delay(Settle);
        var batched = new[] { Publish(service, "gc_batched"), Publish(service, "gc_batched"), Publish(service, "gc_poison") };
        await Task.Delay(Settle);
        await ExecuteAsync(other, "ROLLBACK;");

        Assert.Equal(HttpStatusCode.Accepted, await first);
        Assert.All(await Task.WhenAll(batched), status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
        Assert.Empty(await BroadcastGroupCommitTests.StoredPayloadsAsync(server, "gc_batched"));
        Assert.Empty(await BroadcastGroupCommitTests.StoredPayloadsAsync(server, "gc_poison"));
        Assert.Single(await BroadcastGroupCommitTests.StoredPayloadsAsync(server, "gc_first"));
        await bystander.AssertSilentAsync(TimeSpan.FromMilliseconds(400));
    }

    private static async Task<HttpStatusCode> Publish(HttpClient client, string topic)
    {
        using var response = await client.PostJsonAsync($"/api/notifications?topic={topic}", new { type = "t", message = topic });
        return response.StatusCode;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
