using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

public sealed class HistoryRetentionTests : IAsyncLifetime
{
    private readonly FridayServer _server = new();

    public Task InitializeAsync()
    {
        _server.Settings["EventLog:MaxEvents"] = "3";
        _server.Settings["EventLog:TrimSeconds"] = "1";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ResumeFromBeforeTheKeptHistory_ShouldSayIncomplete()
    {
        using var client = _server.ClientFor("hr-user");
        for (var i = 0; i < 8; i++)
        {
            await client.CreateNoteAsync($"Note {i}");
        }

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await using var socket = await _server.ConnectAsync("hr-user", extraQuery: "last_seq=1&topics=notes");
        var resumed = await socket.ReceiveTypeAsync("resumed");

        Assert.False(resumed.GetProperty("complete").GetBoolean());
        Assert.Equal(3, resumed.GetProperty("replayed").GetInt32());
    }

    [Fact]
    public async Task ResumeWithinTheKeptHistory_ShouldBeComplete()
    {
        using var client = _server.ClientFor("hr-recent");
        await using var socket = await _server.ConnectReadyAsync("hr-recent");
        await socket.SendAsync(new { type = "subscribe", topic = "notes" });
        await socket.ReceiveTypeAsync("subscription");
        await client.CreateNoteAsync("Recent");
        var seq = (await socket.ReceiveTypeAsync("data_changed")).GetProperty("seq").GetInt64();

        await socket.SendAsync(new { type = "resume", last_seq = seq });
        var resumed = await socket.ReceiveTypeAsync("resumed");

        Assert.True(resumed.GetProperty("complete").GetBoolean());
        Assert.Equal(0, resumed.GetProperty("replayed").GetInt32());
    }
}
