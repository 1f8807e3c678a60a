using System.ComponentModel.DataAnnotations;

namespace Friday.Infrastructure.Notifications.Email;

/// <summary>Email copies of notifications over SMTP: off while <see cref="Host"/> is unset.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public SmtpTls Tls { get; set; } = SmtpTls.StartTls;

    /// <summary>With <see cref="Password"/>, or neither.</summary>
    public string? Username { get; set; }

    /// <summary>Never logged, and refused together with <see cref="SmtpTls.None"/>.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address; required when email is on.</summary>
    public string? FromAddress { get; set; }

    public string FromName { get; set; } = "Friday";

    /// <summary>Each SMTP step (connect, TLS, authentication, the message) may take this long.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How often due emails are looked for; an email leaves at most this long after its notification committed.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 5;

    /// <summary>The wait after the first failed attempt; it doubles with each further failure.</summary>
    [Range(1, 86_400)]
    public int RetryInitialSeconds { get; set; } = 30;

    /// <summary>The longest wait between two attempts.</summary>
    [Range(1, 86_400)]
    public int RetryMaxSeconds { get; set; } = 3600;

    /// <summary>Emails handled per pass over one SMTP connection.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host);

    public bool HasCredentials => !string.IsNullOrEmpty(Username);
}
