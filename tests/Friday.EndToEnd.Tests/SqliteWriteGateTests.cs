using System.Data.Common;
using Friday.Tests.Support;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// On SQLite, writers of one process take turns before they open a transaction, instead of
/// opening it and blocking a thread in SQLite's busy handler until the write lock is free.
/// </summary>
public sealed class SqliteWriteGateTests(InterceptedServer<SqliteWriteGateTests.TransactionCounter> server) : IClassFixture<InterceptedServer<SqliteWriteGateTests.TransactionCounter>>
{
    private const int Writers = 16;

    [Fact]
    public async Task ConcurrentWrites_ShouldHoldOneTransactionAtATime_AndAllCommit()
    {
        const string user = "gate-user";
        await using var socket = await server.ConnectReadyAsync(user);
        await socket.SendAsync(new { type = "subscribe", topic = "notes" });
        await socket.ReceiveTypeAsync("subscription");

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async w =>
        {
            using var client = server.ClientFor(user);
            for (var i = 0; i < 5; i++)
            {
                await client.CreateNoteAsync($"writer {w} note {i}");
            }
        }));
        for (var i = 0; i < Writers * 5; i++)
        {
            await socket.ReceiveTypeAsync("data_changed");
        }

        // Saves of a note and its stream event, and sequencer runs, each in a transaction.
        Assert.True(server.Interceptor.Started >= Writers * 5, $"only {server.Interceptor.Started} transactions seen");
        Assert.Equal(1, server.Interceptor.MostAtOnce);
    }

    /// <summary>Counts the transactions open at once.</summary>
    public sealed class TransactionCounter : DbTransactionInterceptor
    {
        private int _open;
        private int _mostAtOnce;
        private int _started;

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public int Started => Volatile.Read(ref _started);

        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _started);
            var open = Interlocked.Increment(ref _open);
            int most;
            while (open > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, open, most) != most)
            {
            }

            return ValueTask.FromResult(result);
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) => Ended();

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) => Ended();

        public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) => Ended();

        private Task Ended()
        {
            Interlocked.Decrement(ref _open);
            return Task.CompletedTask;
        }
    }
}
