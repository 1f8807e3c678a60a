using Friday.Domain.Realtime.Messages;

namespace Friday.Application.Realtime;

internal static class BroadcastPublishing
{
    /// <summary>Stores the content as a <c>notification</c> on the public topic; its <c>seq</c> is given when the event log sequences it.</summary>
    public static async Task<PublishResult> PublishAsync(this IBroadcastWriter broadcasts, string topic, IBroadcastContent content, TimeProvider clock, CancellationToken cancellationToken)
    {
        await broadcasts.WriteAsync(topic, new NotificationMessage(0, topic, content.Message, content.Type, content.Data, clock.GetUtcNow()), cancellationToken);
        return new PublishResult(topic);
    }
}
