namespace Friday.Application.Notifications;

/// <summary>
/// Whether a notification may ask for an email copy. The copy is stored with the notification and
/// sent after the commit by a background sender; without a configured mail server a request that
/// names an address is refused rather than stored with an email that would never leave.
/// </summary>
public interface IEmailDelivery
{
    bool IsEnabled { get; }
}
