using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>The process dies between the commit and the publish; after a restart the event still arrives.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task KillBetweenCommitAndPublish_ThenRestart_ShouldStillDeliverTheEventOnResume()
    {
        var database = Path.Combine(Path.GetTempPath(), $"friday-crash-{Guid.NewGuid():N}.db");
        try
        {
            await using (var doomed = await FridayProcess.StartAsync(database, new Dictionary<string, string> { ["EventLog:CrashAfterCommit"] = "true" }))
            {
                using var client = await DevClientAsync(doomed.BaseAddress, "crash-user");
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.CreateNoteAsync("Survives the crash"));
                await doomed.WaitForExitAsync(TimeSpan.FromSeconds(10));
                Assert.True(doomed.HasExited);
            }

            await using var restarted = await FridayProcess.StartAsync(database);
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
            foreach (var suffix in new[] { string.Empty, "-shm", "-wal" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    private static async Task<HttpClient> DevClientAsync(Uri baseAddress, string userId)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        var token = (await (await client.PostJsonAsync("/api/dev/token", new { user_id = userId })).ReadJsonAsync()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
