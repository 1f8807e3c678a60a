using Friday.Application.Realtime;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Persistence;
using Friday.Infrastructure.Realtime.Serialization;

namespace Friday.Infrastructure.EventLog;

/// <summary>Adds stream events to the unit of work of the request, so they commit with its change.</summary>
internal sealed class StreamOutbox(FridayDbContext db, TimeProvider clock) : IStreamOutbox
{
    private int _ordinal;

    public void Add(Audience audience, WebSocketMessage message, Guid? notificationId = null)
    {
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(message);
        db.StreamEvents.Add(new StreamEvent
        {
            Id = Guid.NewGuid(),
            UserId = audience.UserId,
            Topic = audience.Topics[0],
            InstanceTopic = audience.Topics.Count > 1 ? audience.Topics[1] : null,
            NotificationType = message is NotificationMessage n ? n.NotificationType : null,
            NotificationId = notificationId,
            Payload = MessageSerializer.SerializeWithoutSeq(message),
            CreatedAt = clock.GetUtcNow(),
            Ordinal = _ordinal++,
        });
    }
}
