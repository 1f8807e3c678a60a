using Friday.Domain.Realtime.Messages;

namespace Friday.Application.Realtime;

internal static class BroadcastPublishing
{
    /// <summary>Stores the broadcast as a <c>notification</c> on its public topic; its <c>seq</c> is given when the event log sequences it.</summary>
    public static async Task<PublishResult> PublishAsync(this IBroadcastWriter broadcasts, IPublicBroadcast broadcast, TimeProvider clock, CancellationToken cancellationToken)
    {
        await broadcasts.WriteAsync(broadcast.Topic, broadcast.ToMessage(clock.GetUtcNow()), cancellationToken);
        return new PublishResult(broadcast.Topic);
    }

    /// <summary>The <c>notification</c> its subscribers receive, without its <c>seq</c> yet.</summary>
    public static NotificationMessage ToMessage(this IPublicBroadcast broadcast, DateTimeOffset now) =>
        new(0, broadcast.Topic, broadcast.Message, broadcast.Type, broadcast.Data, now);
}
