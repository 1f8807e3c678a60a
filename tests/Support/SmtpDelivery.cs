using MimeKit;

namespace Friday.Tests.Support;

/// <summary>One message as the server took it: the envelope and the parsed content.</summary>
public sealed record SmtpDelivery(string MailFrom, IReadOnlyList<string> Recipients, MimeMessage Message);
