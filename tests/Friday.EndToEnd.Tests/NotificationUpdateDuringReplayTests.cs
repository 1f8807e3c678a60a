using System.Data.Common;
using System.Text.Json;
using Friday.Tests.Support;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// A notification read while a replay is under way: the replay read it unread, so the
/// <c>notification_update</c> that says otherwise must come after it, not before.
/// </summary>
public sealed class NotificationUpdateDuringReplayTests(InterceptedServer<NotificationUpdateDuringReplayTests.ReplayPause> server) : IClassFixture<InterceptedServer<NotificationUpdateDuringReplayTests.ReplayPause>>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ReadAfterTheReplayReadTheLog_ShouldReachTheReplayingConnectionAfterTheReplay()
    {
        const string user = "update-during-replay";
        using var service = server.ClientFor("update-notifier", "service");
        using var otherDevice = server.ClientFor(user);
        await using var socket = await server.ConnectReadyAsync(user);
        var id = await service.NotifyAsync(new { user_id = user, type = "news", message = "Read during the replay" });
        var seq = (await socket.ReceiveTypeAsync("notification")).GetProperty("seq").GetInt64();

        server.Interceptor.Arm();
        await socket.SendAsync(new { type = "resume", last_seq = seq - 1, id = "r" });
        await server.Interceptor.Paused.WaitAsync(Patience);
        using (var response = await otherDevice.PostAsync($"/api/notifications/{id}/read", null))
        {
            response.EnsureSuccessStatusCode();
        }

        server.Interceptor.Release();
        var received = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            received.Add((await socket.ReceiveAsync())!.Value);
        }

        Assert.Equal(["notification", "resumed", "notification_update", "unread_count"], received.Select(m => m.GetProperty("type").GetString()));
        Assert.Equal(JsonValueKind.Null, received[0].GetProperty("data").GetProperty("read_at").ValueKind);
        Assert.Equal(id, received[2].GetProperty("data").GetProperty("notification_id").GetString());
        Assert.Equal(0, received[3].GetProperty("data").GetProperty("count").GetInt32());
    }

    /// <summary>
    /// Once armed, holds the next replay's last query until released: the trim mark, read once the
    /// events and their read state are in (the retention job reads the whole row, <c>LastSeq</c> with it).
    /// </summary>
    public sealed class ReplayPause : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed;

        public Task Paused => _paused.Task;

        public void Arm() => Volatile.Write(ref _armed, 1);

        public void Release() => _released.TrySetResult();

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("TrimmedThrough", StringComparison.Ordinal)
                && !command.CommandText.Contains("LastSeq", StringComparison.Ordinal)
                && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                _paused.TrySetResult();
                await _released.Task.WaitAsync(Patience, cancellationToken);
            }

            return result;
        }
    }
}
