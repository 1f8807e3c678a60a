using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// The process dies between the commit and the publish (EventLog:CrashAfterCommit makes it call
/// Environment.FailFast there: no shutdown, no flush); after a restart the event still arrives.
/// </summary>
public class CrashRecoveryTests
{
    [ProviderFact]
    public async Task DeathBetweenCommitAndPublish_ThenRestart_ShouldStillDeliverTheEventOnResume()
    {
        var database = CreateDatabase();
        try
        {
            await using (var doomed = await FridayProcess.StartAsync(string.Empty, Settings(database, ("EventLog:CrashAfterCommit", "true"))))
            {
                using var client = await DevClientAsync(doomed.BaseAddress, "crash-user");
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.CreateNoteAsync("Survives the crash"));
                await doomed.WaitForExitAsync(TimeSpan.FromSeconds(10));
                Assert.True(doomed.HasExited);
            }

            await using var restarted = await FridayProcess.StartAsync(string.Empty, Settings(database));
            using var rest = await DevClientAsync(restarted.BaseAddress, "crash-user");
            var token = rest.DefaultRequestHeaders.Authorization!.Parameter;
            using var raw = new System.Net.WebSockets.ClientWebSocket();
            await raw.ConnectAsync(new UriBuilder(restarted.BaseAddress) { Scheme = "ws", Path = "/ws", Query = $"token={token}&last_seq=0&topics=notes" }.Uri, CancellationToken.None);
            await using var socket = new TestSocket(raw);

            var change = await socket.ReceiveTypeAsync("data_changed");
            var resumed = await socket.ReceiveTypeAsync("resumed");

            Assert.Equal("Survives the crash", change.GetProperty("data").GetProperty("title").GetString());
            Assert.Equal(1, resumed.GetProperty("replayed").GetInt32());
            Assert.True(resumed.GetProperty("complete").GetBoolean());
        }
        finally
        {
            DeleteDatabase(database);
        }
    }

    /// <summary>Where the two processes keep their data: here a SQLite file.</summary>
    protected virtual string CreateDatabase() => Path.Combine(Path.GetTempPath(), $"friday-crash-{Guid.NewGuid():N}.db");

    protected virtual Dictionary<string, string> DatabaseSettings(string database) =>
        new() { ["Database:ConnectionString"] = $"Data Source={database};Pooling=False" };

    protected virtual void DeleteDatabase(string database)
    {
        foreach (var suffix in new[] { string.Empty, "-shm", "-wal" })
        {
            File.Delete(database + suffix);
        }
    }

    private Dictionary<string, string> Settings(string database, params (string Key, string Value)[] extra)
    {
        var settings = DatabaseSettings(database);
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<HttpClient> DevClientAsync(Uri baseAddress, string userId)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        var token = (await (await client.PostJsonAsync("/api/dev/token", new { user_id = userId })).ReadJsonAsync()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class CrashRecoveryPostgresTests : CrashRecoveryTests, IPostgresTests
{
    protected override string CreateDatabase() => TestPostgres.CreateDatabase();

    protected override Dictionary<string, string> DatabaseSettings(string database) =>
        new() { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = database };

    protected override void DeleteDatabase(string database) => TestPostgres.DropDatabase(database);
}

public sealed class CrashRecoverySqlServerTests : CrashRecoveryTests, ISqlServerTests
{
    protected override string CreateDatabase() => TestSqlServer.CreateDatabase();

    protected override Dictionary<string, string> DatabaseSettings(string database) =>
        new() { ["Database:Provider"] = "SqlServer", ["Database:ConnectionString"] = database };

    protected override void DeleteDatabase(string database) => TestSqlServer.DropDatabase(database);
}
