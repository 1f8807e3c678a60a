using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;

namespace Friday.Application.Realtime;

/// <summary>
/// The event log's write side: a stream event added here is stored in the same transaction as the
/// change that caused it, gets its <c>seq</c> once committed, and only then is published. A change
/// that does not commit leaves no event.
/// </summary>
public interface IStreamOutbox
{
    /// <param name="message">The message to send; its <c>seq</c> is ignored and assigned after commit.</param>
    /// <param name="notificationId">For a user's notification: marked delivered once a connection took it.</param>
    void Add(Audience audience, WebSocketMessage message, Guid? notificationId = null);
}
