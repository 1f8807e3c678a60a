using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Friday.Infrastructure.Notifications.Email;

/// <summary>One SMTP connection for a pass of the sender: opened on the first message, closed at the end.</summary>
internal sealed class SmtpMailer(EmailOptions options) : IAsyncDisposable
{
    private readonly SmtpClient _client = new() { Timeout = (int)TimeSpan.FromSeconds(options.TimeoutSeconds).TotalMilliseconds };

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            await _client.ConnectAsync(options.Host!, options.Port, SocketOptions(options.Tls), cancellationToken);
            if (options.HasCredentials)
            {
                await _client.AuthenticateAsync(options.Username!, options.Password!, cancellationToken);
            }
        }

        await _client.SendAsync(message, cancellationToken);
    }

    /// <summary>
    /// The server refused this message for good (a 5xx answer to its recipient or its content), or the
    /// address cannot be written: trying again cannot help. Anything else — refused connections,
    /// timeouts, 4xx answers, a refused sender or login — may pass, and is retried.
    /// </summary>
    public static bool IsPermanent(Exception exception) => exception switch
    {
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } refused => (int)refused.StatusCode >= 500,
        ParseException => true,
        _ => false,
    };

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(quit: true);
            }
            catch (Exception ex) when (ex is IOException or ProtocolException or OperationCanceledException)
            {
                // The messages were handed over or not, whatever the goodbye does; the socket closes below.
            }
        }

        _client.Dispose();
    }

    private static SecureSocketOptions SocketOptions(SmtpTls tls) => tls switch
    {
        SmtpTls.None => SecureSocketOptions.None,
        SmtpTls.StartTls => SecureSocketOptions.StartTls,
        SmtpTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(tls), tls, "Unknown TLS mode."),
    };
}
