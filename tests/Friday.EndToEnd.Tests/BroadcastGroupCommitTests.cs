using System.Net;
using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// Public broadcasts that arrive together share one transaction: each still gets its own seq in
/// order, is stored before its caller gets 202, and fails with its whole batch, leaving no row.
/// </summary>
public class BroadcastGroupCommitTests(FridayServer server) : IClassFixture<FridayServer>
{
    private const int Publishers = 40;

    [ProviderFact]
    public async Task ConcurrentPublishes_ShouldEachBeStoredBeforeTheAnswer_WithDistinctIncreasingSeq()
    {
        const string topic = "gc_concurrent";
        await using var subscriber = await SubscribedAsync(server, topic);
        using var service = server.ClientFor("gc-publisher", "service");

        var stored = await Task.WhenAll(Enumerable.Range(0, Publishers).Select(async i =>
        {
            using var response = await service.PostJsonAsync($"/api/notifications?topic={topic}", new { type = "t", message = Marker(i) });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return await StoredPayloadsAsync(server, topic);
        }));

        for (var i = 0; i < Publishers; i++)
        {
            Assert.Contains(stored[i], p => p.Contains(Marker(i), StringComparison.Ordinal));
        }

        var received = new List<(long Seq, string Message)>();
        for (var i = 0; i < Publishers; i++)
        {
            var message = await subscriber.ReceiveTypeAsync("notification");
            received.Add((message.GetProperty("seq").GetInt64(), message.GetProperty("message").GetString()!));
        }

        Assert.True(received.Zip(received.Skip(1)).All(p => p.Second.Seq > p.First.Seq), "seq must increase strictly in delivery order");
        Assert.Equal(Enumerable.Range(0, Publishers).Select(Marker).Order(), received.Select(r => r.Message).Order());
    }

    internal static async Task<TestSocket> SubscribedAsync(FridayServer server, string topic)
    {
        var socket = await server.ConnectReadyAsync($"gc-sub-{topic}");
        await socket.SendAsync(new { type = "subscribe", topic });
        await socket.ReceiveTypeAsync("subscription");
        return socket;
    }

    internal static async Task<List<string>> StoredPayloadsAsync(FridayServer server, string topic)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
        return await db.StreamEvents.AsNoTracking().Where(e => e.Topic == topic).Select(e => e.Payload).ToListAsync();
    }

    private static string Marker(int i) => $"broadcast-{i:D3}-end";
}

public sealed class BroadcastGroupCommitPostgresTests(PostgresFridayServer server) : BroadcastGroupCommitTests(server), IClassFixture<PostgresFridayServer>, IPostgresTests;

public sealed class BroadcastGroupCommitSqlServerTests(SqlServerFridayServer server) : BroadcastGroupCommitTests(server), IClassFixture<SqlServerFridayServer>, ISqlServerTests;
