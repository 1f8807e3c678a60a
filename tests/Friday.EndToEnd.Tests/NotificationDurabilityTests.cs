using System.Net;
using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>Notifications and reminders survive a restart of the server: nothing lost, nothing twice.</summary>
public class NotificationDurabilityTests
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [ProviderFact]
    public async Task RestartBetweenCreationAndConnect_ShouldLoseNothing()
    {
        string database;
        await using (var before = new FridayServer { Provider = Provider, KeepDatabase = true })
        {
            using var service = before.ClientFor("svc", "service");
            for (var i = 0; i < 2; i++)
            {
                using var response = await service.PostJsonAsync("/api/notifications", new { user_id = "durable", type = "news", message = $"Before restart {i}" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }

            database = before.Database!;
        }

        await using var after = new FridayServer { Provider = Provider, Database = database };
        await using var socket = await after.ConnectAsync("durable");
        await socket.ReceiveTypeAsync("connection");

        Assert.Equal("Before restart 0", (await socket.ReceiveTypeAsync("notification")).GetProperty("message").GetString());
        Assert.Equal("Before restart 1", (await socket.ReceiveTypeAsync("notification")).GetProperty("message").GetString());
        Assert.Equal(2, (await socket.ReceiveTypeAsync("unread_count")).GetProperty("data").GetProperty("count").GetInt32());
    }

    [ProviderFact]
    public async Task TaskThatFallsDue_ShouldRemindItsOwnerOnce_EvenAcrossARestart()
    {
        string taskId;
        string database;
        await using (var first = new FridayServer { Provider = Provider, KeepDatabase = true })
        {
            first.Settings["Notifications:ReminderCheckSeconds"] = "1";
            await using var socket = await first.ConnectReadyAsync("reminded");
            using var client = first.ClientFor("reminded");
            var task = await (await client.PostJsonAsync("/api/tasks", new { title = "Pay rent", due_at = DateTimeOffset.UtcNow.AddSeconds(1) })).ReadJsonAsync();
            taskId = task.GetProperty("id").GetString()!;

            var reminder = await socket.ReceiveTypeAsync("notification", TimeSpan.FromSeconds(10));
            Assert.Equal("task_reminder", reminder.GetProperty("data").GetProperty("notification_type").GetString());
            Assert.Equal(taskId, reminder.GetProperty("data").GetProperty("data").GetProperty("task_id").GetString());
            await socket.AssertSilentAsync(TimeSpan.FromSeconds(2.5));
            database = first.Database!;
        }

        await using var second = new FridayServer { Provider = Provider, Database = database };
        second.Settings["Notifications:ReminderCheckSeconds"] = "1";
        await using var again = await second.ConnectReadyAsync("reminded");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var owner = second.ClientFor("reminded");
        var all = await (await owner.GetAsync("/api/notifications")).ReadJsonAsync();

        Assert.Equal(1, all.GetProperty("total").GetInt32());
        await again.AssertSilentAsync(TimeSpan.FromMilliseconds(300));
    }

    [ProviderFact]
    public async Task CompletedTask_ShouldNotBeReminded()
    {
        await using var server = new FridayServer { Provider = Provider };
        server.Settings["Notifications:ReminderCheckSeconds"] = "1";
        using var client = server.ClientFor("not-reminded");
        // The margin covers a first request on a busy machine: completing must come before the task is due.
        var task = await (await client.PostJsonAsync("/api/tasks", new { title = "Done early", due_at = DateTimeOffset.UtcNow.AddSeconds(5) })).ReadJsonAsync();
        (await client.PostAsync($"/api/tasks/{task.GetProperty("id").GetString()}/complete", null)).Dispose();

        await Task.Delay(TimeSpan.FromSeconds(6.5));
        var all = await (await client.GetAsync("/api/notifications")).ReadJsonAsync();

        Assert.Equal(0, all.GetProperty("total").GetInt32());
    }
}

public sealed class NotificationDurabilityPostgresTests : NotificationDurabilityTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class NotificationDurabilitySqlServerTests : NotificationDurabilityTests, ISqlServerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
