using Microsoft.Extensions.Options;
using MimeKit;

namespace Friday.Infrastructure.Notifications.Email;

/// <summary>Checks the SMTP settings at start, when email is on; no message repeats a credential.</summary>
internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!MailboxAddress.TryParse(options.FromAddress, out var from) || from.Address != options.FromAddress || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            failures.Add("Email:FromAddress must be a plain address such as friday@example.com when Email:Host is set (the name goes in Email:FromName).");
        }

        if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
        {
            failures.Add("Email:Username and Email:Password go together: set both or neither.");
        }

        if (options.HasCredentials && options.Tls == SmtpTls.None)
        {
            failures.Add("Email:Tls 'None' with credentials would send the password in clear text; use StartTls or SslOnConnect.");
        }

        if (options.RetryMaxSeconds < options.RetryInitialSeconds)
        {
            failures.Add("Email:RetryMaxSeconds must not be less than Email:RetryInitialSeconds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
