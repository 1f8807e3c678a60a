using Friday.Infrastructure.EventLog;
using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

/// <summary>The sweep delivers what committed but never went out, without waiting for a later event to expose the gap.</summary>
public class SweepTests
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>
    /// The state a sequencer leaves when its node dies right after committing (or when the broker loses
    /// the message): the event has its seq and LastSeq counts it, but no node ever published it.
    /// </summary>
    [ProviderFact]
    public async Task EventNumberedButNeverPublished_ShouldReachAConnectedClientThroughTheSweep()
    {
        await using var server = new FridayServer { Provider = Provider };
        await using var socket = await server.ConnectReadyAsync("sw-user");
        await socket.SendAsync(new { type = "subscribe", topic = "sw_status" });
        await socket.ReceiveTypeAsync("subscription");

        long seq;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var state = db.StreamState.Where(s => s.Id == StreamState.SingletonId);
            await state.ExecuteUpdateAsync(s => s.SetProperty(row => row.LastSeq, row => row.LastSeq + 1));
            seq = await state.Select(s => s.LastSeq).SingleAsync();
            db.StreamEvents.Add(new StreamEvent
            {
                Id = Guid.NewGuid(),
                Seq = seq,
                Topic = "sw_status",
                Payload = """{"type":"notification","topic":"sw_status","message":"Numbered, never published","timestamp":"2026-01-02T03:04:05.678Z"}""",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var message = await socket.ReceiveTypeAsync("notification", TimeSpan.FromSeconds(15));

        Assert.Equal(seq, message.GetProperty("seq").GetInt64());
        Assert.Equal("Numbered, never published", message.GetProperty("message").GetString());
    }
}

public sealed class SweepPostgresTests : SweepTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class SweepSqlServerTests : SweepTests, ISqlServerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
