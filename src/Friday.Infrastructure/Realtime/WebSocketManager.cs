using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Realtime.Serialization;

namespace Friday.Infrastructure.Realtime;

/// <summary>
/// The WebSocket adapter of the <see cref="IWebSocketManager"/> port. Connections are indexed by id,
/// by user (an immutable snapshot: a user has few connections) and by public topic (a concurrent set:
/// a topic may have tens of thousands). A broadcast serialises once, reads an index without a lock and
/// only enqueues, so it never waits for a socket.
/// </summary>
internal sealed class WebSocketManager : IWebSocketManager
{
    private readonly ConcurrentDictionary<string, WebSocketConnection> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableArray<WebSocketConnection>> _byUser = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TopicMembers> _byPublicTopic = new(StringComparer.Ordinal);
    private readonly Lock _membership = new();

    public WebSocketManager(RealtimeMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        metrics.ObserveQueueDepth(() => _connections.Values.Sum(c => (long)c.QueueDepth));
    }

    public int ConnectionCount => _connections.Count;

    public int SubscriptionCount => _connections.Values.Sum(c => c.Topics.Count);

    public int UserCount => _byUser.Count;

    public IEnumerable<WebSocketConnection> Connections => _connections.Values;

    /// <summary>
    /// Adds the connection. One with the same id and user is replaced (closed with 4008); an id held
    /// by another user is refused.
    /// </summary>
    public RegistrationResult Register(WebSocketConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        WebSocketConnection? replaced = null;
        lock (_membership)
        {
            if (_connections.TryGetValue(connection.Id, out var existing))
            {
                if (!string.Equals(existing.UserId, connection.UserId, StringComparison.Ordinal))
                {
                    return RegistrationResult.IdTakenByAnotherUser;
                }

                RemoveLocked(existing);
                replaced = existing;
            }

            _connections[connection.Id] = connection;
            if (connection.UserId is { } userId)
            {
                _byUser.AddOrUpdate(userId, _ => [connection], (_, list) => list.Add(connection));
            }
        }

        replaced?.Close(CloseCodes.Replaced, "Replaced by a new connection with the same client id.", drainQueue: false);
        return replaced is null ? RegistrationResult.Added : RegistrationResult.Replaced;
    }

    public void Unregister(WebSocketConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_membership)
        {
            if (_connections.TryGetValue(connection.Id, out var current) && ReferenceEquals(current, connection))
            {
                RemoveLocked(connection);
            }
        }
    }

    public void Subscribe(WebSocketConnection connection, string topic)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!connection.AddTopic(topic) || Topic.IsUserScoped(topic))
        {
            return;
        }

        lock (_membership)
        {
            if (ReferenceEquals(_connections.GetValueOrDefault(connection.Id), connection))
            {
                _byPublicTopic.GetOrAdd(topic, static _ => new TopicMembers()).Add(connection);
            }
        }
    }

    public void Unsubscribe(WebSocketConnection connection, string topic)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!connection.RemoveTopic(topic) || Topic.IsUserScoped(topic))
        {
            return;
        }

        lock (_membership)
        {
            RemoveFromTopic(topic, connection);
        }
    }

    public ImmutableArray<WebSocketConnection> ConnectionsOf(string userId) =>
        _byUser.TryGetValue(userId, out var list) ? list : [];

    public int PublicTopicCount => _byPublicTopic.Count;

    public bool SendToConnection(string connectionId, WebSocketMessage message) =>
        _connections.TryGetValue(connectionId, out var connection) && connection.TryEnqueue(MessageSerializer.Serialize(message));

    public int SendToUser(string userId, WebSocketMessage message, string? exceptConnectionId = null) =>
        SendToUser(ToUser(userId, message, exceptConnectionId));

    public int SendToUser(UserMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var receivers = ConnectionsOf(message.UserId);
        if (message.ExceptConnectionId is { } except)
        {
            receivers = receivers.RemoveAll(c => c.Id == except);
        }

        return receivers.IsEmpty ? 0 : Enqueue(receivers, message.Payload, message.NotificationType, null, heldDuringReplay: true);
    }

    public static UserMessage ToUser(string userId, WebSocketMessage message, string? exceptConnectionId) =>
        new(userId, MessageSerializer.Serialize(message), FilterTypeOf(message), exceptConnectionId);

    public int SendToAudience(Audience audience, WebSocketMessage message)
    {
        ArgumentNullException.ThrowIfNull(audience);
        if (audience.UserId is { } userId)
        {
            var receivers = ConnectionsOf(userId);
            return receivers.IsEmpty ? 0 : Enqueue(receivers, MessageSerializer.Serialize(message), FilterTypeOf(message), audience.Topics);
        }

        return _byPublicTopic.TryGetValue(audience.Topics[0], out var members)
            ? Enqueue(members.Snapshot(), MessageSerializer.Serialize(message), FilterTypeOf(message), null)
            : 0;
    }

    public int SendStream(StreamEnvelope envelope) => SendStream(envelope, Stopwatch.GetTimestamp());

    /// <param name="receivedAt">When this node received the event (<see cref="Stopwatch"/>): the stream latency runs from there to the socket write.</param>
    public int SendStream(StreamEnvelope envelope, long receivedAt)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var audience = envelope.Audience;
        if (audience.UserId is { } userId)
        {
            var sent = 0;
            foreach (var connection in ConnectionsOf(userId))
            {
                sent += connection.IsSubscribedToAny(audience.Topics) && SendStreamTo(connection, envelope, receivedAt) ? 1 : 0;
            }

            return sent;
        }

        if (!_byPublicTopic.TryGetValue(audience.Topics[0], out var members))
        {
            return 0;
        }

        var delivered = 0;
        foreach (var connection in members.Snapshot())
        {
            delivered += SendStreamTo(connection, envelope, receivedAt) ? 1 : 0;
        }

        return delivered;
    }

    private static bool SendStreamTo(WebSocketConnection connection, StreamEnvelope envelope, long receivedAt) =>
        (envelope.NotificationType is not { } type || connection.AcceptsNotificationType(type))
        && connection.TryEnqueueStream(envelope.Payload, envelope.Seq, receivedAt);

    public int SendToAll(WebSocketMessage message)
    {
        var payload = MessageSerializer.Serialize(message);
        var sent = 0;
        foreach (var connection in _connections.Values)
        {
            sent += connection.TryEnqueue(payload) ? 1 : 0;
        }

        return sent;
    }

    public int DisconnectUser(string userId, int closeCode, string reason)
    {
        var closed = 0;
        foreach (var connection in ConnectionsOf(userId))
        {
            closed += connection.Close(closeCode, reason, drainQueue: false) ? 1 : 0;
        }

        return closed;
    }

    public bool IsUserConnected(string userId) => !ConnectionsOf(userId).IsEmpty;

    /// <summary>Closes every connection: used at shutdown, after new connections are refused.</summary>
    public void CloseAll(int closeCode, string reason)
    {
        foreach (var connection in _connections.Values)
        {
            connection.Close(closeCode, reason, drainQueue: true);
        }
    }

    // The notification_types filter narrows the user's own notifications, never public broadcasts.
    private static string? FilterTypeOf(WebSocketMessage message) =>
        message is NotificationMessage { Topic: Topic.Notifications } n ? n.NotificationType : null;

    /// <param name="heldDuringReplay">
    /// A message about the user's notification state (<see cref="WebSocketConnection.TryEnqueueUserMessage"/>),
    /// which waits while a connection replays, instead of one that goes at once.
    /// </param>
    private static int Enqueue(IEnumerable<WebSocketConnection> receivers, byte[] payload, string? filterType, IReadOnlyList<string>? topics, bool heldDuringReplay = false)
    {
        var sent = 0;
        foreach (var connection in receivers)
        {
            if (topics is not null && !connection.IsSubscribedToAny(topics))
            {
                continue;
            }

            if (filterType is not null && !connection.AcceptsNotificationType(filterType))
            {
                continue;
            }

            var queued = heldDuringReplay ? connection.TryEnqueueUserMessage(payload) : connection.TryEnqueue(payload);
            sent += queued ? 1 : 0;
        }

        return sent;
    }

    private void RemoveLocked(WebSocketConnection connection)
    {
        _connections.TryRemove(connection.Id, out _);
        if (connection.UserId is { } userId)
        {
            RemoveFromIndex(_byUser, userId, connection);
        }

        foreach (var topic in connection.Topics.Where(t => !Topic.IsUserScoped(t)))
        {
            RemoveFromTopic(topic, connection);
        }
    }

    /// <summary>Under the membership lock, so an emptied topic is never removed while a subscribe adds to it.</summary>
    private void RemoveFromTopic(string topic, WebSocketConnection connection)
    {
        if (_byPublicTopic.TryGetValue(topic, out var members))
        {
            members.Remove(connection);
            if (members.IsEmpty)
            {
                _byPublicTopic.TryRemove(topic, out _);
            }
        }
    }

    private static void RemoveFromIndex(ConcurrentDictionary<string, ImmutableArray<WebSocketConnection>> index, string key, WebSocketConnection connection)
    {
        if (!index.TryGetValue(key, out var list))
        {
            return;
        }

        var remaining = list.Remove(connection);
        if (remaining.IsEmpty)
        {
            index.TryRemove(key, out _);
        }
        else
        {
            index[key] = remaining;
        }
    }
}
