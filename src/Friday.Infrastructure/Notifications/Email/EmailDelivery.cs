using Friday.Application.Notifications;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Notifications.Email;

internal sealed class EmailDelivery(IOptions<EmailOptions> options) : IEmailDelivery
{
    public bool IsEnabled => options.Value.IsEnabled;
}
