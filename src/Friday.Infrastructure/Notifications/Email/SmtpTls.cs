namespace Friday.Infrastructure.Notifications.Email;

/// <summary>How the connection to the mail server is protected.</summary>
public enum SmtpTls
{
    /// <summary>Plain text: only for a relay on the same host or a trusted network, and never with credentials.</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS; a server that does not offer it is an error, not a downgrade.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    SslOnConnect,
}
