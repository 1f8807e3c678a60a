using Friday.Domain.Notifications;
using Friday.Infrastructure.Common;
using Friday.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Friday.Infrastructure.Notifications.Email;

/// <summary>
/// Sends the email copies of committed notifications. The state lives on the notification row, so a
/// crash, a restart or a mail server outage delays an email but never loses it:
/// <list type="bullet">
/// <item>Before sending, a sender claims the email with a conditional update (attempt count as the
/// guard) that also pushes its due time past a lease: a second node, or a second pass, skips it.</item>
/// <item>A send that succeeded is recorded as sent and never sent again; one that failed for a
/// passing reason is due again after a backoff that doubles up to a limit; one the server refused
/// for good is recorded as refused.</item>
/// <item>A sender that dies between claim and record leaves the email due again when the lease ends.
/// Only a death between the server's acceptance and the record can send it twice; every attempt
/// carries the same Message-ID, so a receiving system can tell.</item>
/// </list>
/// </summary>
internal sealed partial class EmailDispatchService(
    IServiceScopeFactory scopes, IOptions<EmailOptions> options, SqliteWriteGate writeGate, TimeProvider clock, ILogger<EmailDispatchService> logger)
    : PeriodicJob(scopes, clock, logger)
{
    /// <summary>Connect, TLS, authentication and the message may each take the timeout.</summary>
    private const int LeaseTimeouts = 4;

    private EmailOptions Options => options.Value;

    protected override TimeSpan Period => TimeSpan.FromSeconds(Options.PollSeconds);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Options.IsEnabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<FridayDbContext>();
        var now = Clock.GetUtcNow();
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.EmailDueAt != null && n.EmailDueAt <= now)
            .OrderBy(n => n.EmailDueAt)
            .Take(Options.BatchSize)
            .Select(n => new DueEmail(n.Id, n.Email!, n.Title, n.Message, n.EmailAttempts))
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return;
        }

        await using var mailer = new SmtpMailer(Options);
        foreach (var email in due)
        {
            if (!await ClaimAsync(db, email, cancellationToken))
            {
                continue;
            }

            var attempt = email.Attempts + 1;
            try
            {
                await mailer.SendAsync(Compose(email), cancellationToken);
            }
            catch (Exception ex) when (SmtpMailer.IsPermanent(ex))
            {
                await RecordAsync(db, email.Id, attempt, s => s.SetProperty(n => n.EmailFailedAt, Clock.GetUtcNow()).SetProperty(n => n.EmailDueAt, (DateTimeOffset?)null), cancellationToken);
                LogRefused(Logger, email.Id, attempt, ex.GetType().Name, ex.Message);
                continue;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var retryAt = Clock.GetUtcNow() + Backoff(attempt);
                await RecordAsync(db, email.Id, attempt, s => s.SetProperty(n => n.EmailDueAt, retryAt), cancellationToken);
                LogDeferred(Logger, email.Id, attempt, retryAt, ex.GetType().Name, ex.Message);

                // The server is unwell: the rest of the batch stays due for the next pass.
                return;
            }

            await RecordSentAsync(db, email.Id, attempt, cancellationToken);
            LogSent(Logger, email.Id, attempt);
        }
    }

    private async Task<bool> ClaimAsync(FridayDbContext db, DueEmail email, CancellationToken cancellationToken)
    {
        var leaseEnd = Clock.GetUtcNow() + TimeSpan.FromSeconds(Options.TimeoutSeconds * LeaseTimeouts);
        using var turn = await writeGate.EnterAsync(cancellationToken);
        var claimed = await db.Notifications
            .Where(n => n.Id == email.Id && n.EmailAttempts == email.Attempts && n.EmailDueAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailAttempts, email.Attempts + 1).SetProperty(n => n.EmailDueAt, leaseEnd), cancellationToken);
        return claimed == 1;
    }

    /// <summary>
    /// The server has the email: the record must follow, or the lease would end and the email go
    /// out again. A database that blinks now is waited for, until the host stops.
    /// </summary>
    private async Task RecordSentAsync(FridayDbContext db, Guid id, int attempt, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await RecordAsync(db, id, attempt, s => s.SetProperty(n => n.EmailSentAt, Clock.GetUtcNow()).SetProperty(n => n.EmailDueAt, (DateTimeOffset?)null), cancellationToken);
                return;
            }
            catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), Clock, cancellationToken);
            }
        }
    }

    /// <summary>Applies an attempt's outcome, unless the attempt is no longer the newest (its lease ran out and another took over).</summary>
    private async Task RecordAsync(
        FridayDbContext db,
        Guid id,
        int attempt,
        Action<UpdateSettersBuilder<Notification>> outcome,
        CancellationToken cancellationToken)
    {
        using var turn = await writeGate.EnterAsync(cancellationToken);
        await db.Notifications.Where(n => n.Id == id && n.EmailAttempts == attempt).ExecuteUpdateAsync(outcome, cancellationToken);
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(Options.RetryMaxSeconds, Options.RetryInitialSeconds * Math.Pow(2, Math.Min(attempt - 1, 30))));

    private MimeMessage Compose(DueEmail email)
    {
        var from = new MailboxAddress(Options.FromName, Options.FromAddress!);
        var message = new MimeMessage
        {
            Subject = email.Title,
            Body = new TextPart("plain") { Text = email.Message },

            // The same on every attempt, so that a copy sent twice (a crash right after the send) can be recognised.
            MessageId = $"{email.Id:N}@{from.Domain}",
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(email.Address));
        return message;
    }

    private sealed record DueEmail(Guid Id, string Address, string Title, string Message, int Attempts);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Sent the email of notification {NotificationId} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, Guid notificationId, int attempt);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Could not send the email of notification {NotificationId} (attempt {Attempt}, {ErrorType}: {Error}); trying again at {RetryAt}")]
    private static partial void LogDeferred(ILogger logger, Guid notificationId, int attempt, DateTimeOffset retryAt, string errorType, string error);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "The mail server refused the email of notification {NotificationId} for good (attempt {Attempt}, {ErrorType}: {Error}); it is not tried again")]
    private static partial void LogRefused(ILogger logger, Guid notificationId, int attempt, string errorType, string error);
}
