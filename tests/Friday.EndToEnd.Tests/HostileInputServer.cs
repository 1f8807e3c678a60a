using System.Net;
using Friday.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// One server for the hostile-input suite, and the checks run after every attack: still up, still
/// delivering to an honest client, memory back near its baseline, nothing stored that should not be.
/// </summary>
public sealed class HostileInputServer : IAsyncLifetime
{
    private const long MemoryBoundBytes = 20 * 1024 * 1024;
    private long _baselineBytes;
    private int _notesCreated;

    public FridayServer Server { get; } = new();

    public async Task InitializeAsync()
    {
        // The connect-cycle attack alone opens 2,000 sockets from one address.
        Server.Settings["Security:ConnectionsPerIpPerMinute"] = "1000000";
        await AssertHealthyAsync();
        _baselineBytes = MeasureMemory();
    }

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();

    public async Task AssertHealthyAsync()
    {
        using var anonymous = Server.AnonymousClient();
        using var live = await anonymous.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        await using var observer = await Server.ConnectReadyAsync("hostile-observer");
        await observer.SendAsync(new { type = "subscribe", topic = "notes" });
        await observer.ReceiveTypeAsync("subscription");
        using var client = Server.ClientFor("hostile-observer");
        var id = (await client.CreateNoteAsync("Still delivered")).GetProperty("id").GetString();
        _notesCreated++;
        Assert.Equal(id, (await observer.ReceiveTypeAsync("data_changed")).GetProperty("id").GetString());

        Assert.Equal(_notesCreated, CountRows("notes"));
        Assert.Equal(0, CountRows("notifications"));
        if (_baselineBytes > 0)
        {
            var grown = MeasureMemory() - _baselineBytes;
            Assert.True(grown < MemoryBoundBytes, $"Memory grew by {grown / 1024 / 1024} MB after the attack.");
        }
    }

    private static long MeasureMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private long CountRows(string table)
    {
        using var connection = new SqliteConnection($"Data Source={Server.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
