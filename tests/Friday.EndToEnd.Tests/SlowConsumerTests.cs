using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

public sealed class SlowConsumerTests : IAsyncLifetime
{
    private const int Messages = 3000;
    private readonly FridayServer _server = new();

    public Task InitializeAsync()
    {
        _server.Settings["Realtime:OutboundQueueCapacity"] = "32";
        _server.Settings["Realtime:CloseTimeoutSeconds"] = "30";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ClientThatNeverReads_ShouldBeClosedWith1013_WhileOthersReceiveEverything()
    {
        await using var slow = await SubscribedAsync("slow-reader");
        await using var fast = await SubscribedAsync("fast-reader");
        var sockets = _server.Services.GetRequiredService<IWebSocketManager>();
        var padding = new string('x', 8 * 1024);

        var received = 0;
        var reader = Task.Run(async () =>
        {
            while (Volatile.Read(ref received) < Messages)
            {
                var message = await fast.ReceiveTypeAsync("notification");
                Assert.Equal(received, message.GetProperty("data").GetProperty("n").GetInt32());
                Interlocked.Increment(ref received);
            }

            return received;
        });

        for (var n = 0; n < Messages; n++)
        {
            // Events arrive at the pace a reading client keeps up with; only the one that never reads falls behind.
            while (n - Volatile.Read(ref received) > 16 && !reader.IsCompleted)
            {
                await Task.Delay(1);
            }

            sockets.SendToAudience(Audience.PublicTopic("flood"), new NotificationMessage(n + 1, "flood", padding, "flood", new FloodData(n), DateTimeOffset.UtcNow));
        }

        Assert.Equal(Messages, await reader.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(CloseCodes.TryAgainLater, (int?)await slow.ReceiveCloseAsync(TimeSpan.FromSeconds(30)));
    }

    private async Task<TestSocket> SubscribedAsync(string userId)
    {
        var socket = await _server.ConnectReadyAsync(userId);
        await socket.SendAsync(new { type = "subscribe", topic = "flood" });
        await socket.ReceiveTypeAsync("subscription");
        return socket;
    }

    private sealed record FloodData(int N);
}
