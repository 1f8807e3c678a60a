using Friday.Domain.Realtime;
using Friday.Infrastructure.Realtime.Serialization;

namespace Friday.Infrastructure.EventLog;

internal static class StreamEnvelopes
{
    public static Audience AudienceOf(StreamEvent e) => e.UserId is null
        ? Audience.PublicTopic(e.Topic)
        : e.InstanceTopic is null ? Audience.User(e.UserId, e.Topic) : Audience.User(e.UserId, e.Topic, e.InstanceTopic);

    public static StreamEnvelope ToEnvelope(this StreamEvent e) =>
        new(e.Seq!.Value, AudienceOf(e), e.UserId is null ? null : e.NotificationType, MessageSerializer.WithSeq(e.Seq.Value, e.Payload), e.NotificationId);
}
