using System.Net;
using Friday.Domain.Notifications;
using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// Email copies of notifications, sent after the commit to a real SMTP server (aiosmtpd): once, to the
/// named address, through outages of the mail server and restarts of Friday.
/// </summary>
public sealed class EmailTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task NotificationWithEmail_ShouldBeMailedOnce_ToTheAddress_WithTitleAndMessage() => await MailedOnceAsync(DatabaseProvider.Sqlite);

    [PostgresFact]
    public async Task NotificationWithEmail_OnPostgres_ShouldBeMailedOnce_ToTheAddress_WithTitleAndMessage() => await MailedOnceAsync(DatabaseProvider.Postgres);

    [Fact]
    public async Task SmtpServerDownAtFirst_ShouldGetTheEmailOnceItIsUp()
    {
        var port = LoopbackPort.Free();
        await using var server = EmailServer(port);
        var id = await NotifyAsync(server, "down-first@example.test");
        await WaitUntilAsync(server, id, n => n.EmailAttempts >= 2);
        Assert.Null((await StoredAsync(server, id)).EmailSentAt);

        await using var smtp = await SmtpSink.StartAsync(port);

        var mail = await smtp.WaitForMessageAsync(m => m.Recipients.Contains("down-first@example.test"), Generous);
        await WaitUntilAsync(server, id, n => n.EmailSentAt is not null);
        Assert.Equal($"{Guid.Parse(id):N}@example.test", mail.Message.MessageId);
        await AssertNoSecondCopyAsync(smtp, "down-first@example.test");
        Assert.Contains(server.Logs.Lines, l => l.Contains($"Could not send the email of notification {id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EmailDueWhenTheNodeStops_ShouldBeSentOnceByTheNextStart()
    {
        var port = LoopbackPort.Free();
        var database = Path.Combine(Path.GetTempPath(), $"friday-email-{Guid.NewGuid():N}.db");
        string id;
        await using (var first = EmailServer(port, database, keepDatabase: true))
        {
            id = await NotifyAsync(first, "restart@example.test");
            await WaitUntilAsync(first, id, n => n.EmailAttempts >= 1);
        }

        await using var smtp = await SmtpSink.StartAsync(port);
        await using var second = EmailServer(port, database);
        _ = second.BaseAddress;

        await smtp.WaitForMessageAsync(m => m.Recipients.Contains("restart@example.test"), Generous);
        await WaitUntilAsync(second, id, n => n.EmailSentAt is not null);
        await AssertNoSecondCopyAsync(smtp, "restart@example.test");
    }

    [Fact]
    public async Task RefusedRecipient_ShouldBeRecordedAndNotRetried_WhileTheNextEmailStillGoes()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = EmailServer(smtp.Port);

        var refused = await NotifyAsync(server, "refused@example.test");
        var accepted = await NotifyAsync(server, "accepted@example.test");

        await smtp.WaitForMessageAsync(m => m.Recipients.Contains("accepted@example.test"), Generous);
        await WaitUntilAsync(server, refused, n => n.EmailFailedAt is not null);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var stored = await StoredAsync(server, refused);
        Assert.Equal(1, stored.EmailAttempts);
        Assert.Null(stored.EmailDueAt);
        Assert.Null(stored.EmailSentAt);
        Assert.NotNull((await StoredAsync(server, accepted)).EmailSentAt);
    }

    [Fact]
    public async Task SmtpCredentials_ShouldNeverBeLogged_WhenSendingFails()
    {
        const string password = "hunter2-smtp-secret";
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = EmailServer(smtp.Port);
        server.Settings["Email:Tls"] = "StartTls";
        server.Settings["Email:Username"] = "friday-user";
        server.Settings["Email:Password"] = password;

        var id = await NotifyAsync(server, "secret@example.test");

        await WaitUntilAsync(server, id, n => n.EmailAttempts >= 2);
        Assert.Contains(server.Logs.Lines, l => l.Contains($"Could not send the email of notification {id}", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(password, StringComparison.Ordinal));
        Assert.Empty(smtp.Received);
    }

    [Theory]
    [InlineData("""{"user_id":"em-x","type":"news","message":"m","email":"not-an-address"}""")]
    [InlineData("""{"user_id":"em-x","type":"news","message":"m","email":""}""")]
    [InlineData("""{"user_id":"em-x","type":"news","message":"m","email":"a@b.example\r\nBcc: c@d.example"}""")]
    [InlineData("""{"user_id":"em-x","type":"news","message":"m","email":"Name <a@b.example>"}""")]
    [InlineData("""{"user_ids":["em-x","em-y"],"type":"news","message":"m","email":"a@b.example"}""")]
    public async Task BadEmail_ShouldBeA400ProblemOnEmail_AndStoreNothing(string json)
    {
        await using var server = EmailServer(LoopbackPort.Free());
        using var service = server.ClientFor("em-service", "service");

        using var response = await service.PostAsync("/api/notifications", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("email", out _));
        await using var scope = server.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<FridayDbContext>().Notifications.AnyAsync());
    }

    [Fact]
    public async Task Email_WhenNoMailServerIsConfigured_ShouldBeRefusedWithAClearProblem()
    {
        await using var server = new FridayServer();
        using var service = server.ClientFor("em-service", "service");

        using var response = await service.PostJsonAsync("/api/notifications", new { user_id = "em-x", type = "news", message = "m", email = "a@b.example" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not configured", (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("email")[0].GetString(), StringComparison.Ordinal);
    }

    private static async Task MailedOnceAsync(DatabaseProvider provider)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = EmailServer(smtp.Port, provider: provider);
        await using var socket = await server.ConnectReadyAsync("em-alice");

        var id = await NotifyAsync(server, "alice@example.test", title: "Build failed", message: "Pipeline 42 failed at step 'test'.");

        Assert.Equal(id, (await socket.ReceiveTypeAsync("notification")).GetProperty("data").GetProperty("notification_id").GetString());
        var mail = await smtp.WaitForMessageAsync(m => m.Recipients.Contains("alice@example.test"), Generous);
        Assert.Equal(["alice@example.test"], mail.Recipients);
        Assert.Equal("friday@example.test", mail.MailFrom);
        Assert.Equal("Build failed", mail.Message.Subject);
        Assert.Equal("Pipeline 42 failed at step 'test'.", mail.Message.TextBody?.TrimEnd());
        Assert.Equal("Friday Tests", ((MailboxAddress)mail.Message.From.Single()).Name);
        await WaitUntilAsync(server, id, n => n.EmailSentAt is not null);
        await AssertNoSecondCopyAsync(smtp, "alice@example.test");
        var stored = await StoredAsync(server, id);
        Assert.Equal(1, stored.EmailAttempts);
        Assert.Null(stored.EmailDueAt);
    }

    /// <summary>Several polls later still one copy: the sent record holds.</summary>
    private static async Task AssertNoSecondCopyAsync(SmtpSink smtp, string address)
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(smtp.Received, m => m.Recipients.Contains(address));
    }

    private static FridayServer EmailServer(int smtpPort, string? database = null, bool keepDatabase = false, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var server = new FridayServer { Provider = provider, Database = database, KeepDatabase = keepDatabase };
        server.Settings["Email:Host"] = "127.0.0.1";
        server.Settings["Email:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        server.Settings["Email:Tls"] = "None";
        server.Settings["Email:FromAddress"] = "friday@example.test";
        server.Settings["Email:FromName"] = "Friday Tests";
        server.Settings["Email:PollSeconds"] = "1";
        server.Settings["Email:RetryInitialSeconds"] = "1";
        server.Settings["Email:RetryMaxSeconds"] = "1";
        server.Settings["Email:TimeoutSeconds"] = "5";
        return server;
    }

    private static async Task<string> NotifyAsync(FridayServer server, string email, string title = "Hello", string message = "A message")
    {
        using var service = server.ClientFor("em-service", "service");
        return await service.NotifyAsync(new { user_id = "em-alice", type = "news", title, message, email });
    }

    private static async Task<Notification> StoredAsync(FridayServer server, string id)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FridayDbContext>().Notifications.AsNoTracking().SingleAsync(n => n.Id == Guid.Parse(id));
    }

    private static Task WaitUntilAsync(FridayServer server, string id, Func<Notification, bool> condition) =>
        Eventually.TrueAsync(async () => condition(await StoredAsync(server, id)), Generous, $"notification {id} did not reach the expected email state");
}
