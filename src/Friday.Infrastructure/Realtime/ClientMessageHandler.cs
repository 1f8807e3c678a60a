using System.Diagnostics;
using Friday.Application.Common.Exceptions;
using Friday.Application.Notifications;
using Friday.Application.Notifications.Commands;
using Friday.Application.Notifications.Queries;
using Friday.Application.Realtime;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.EventLog;
using Friday.Infrastructure.Notifications;
using Friday.Infrastructure.Persistence;
using Friday.Infrastructure.Realtime.Inbound;
using Friday.Infrastructure.Realtime.Security;
using Friday.Infrastructure.Realtime.Serialization;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Realtime;

/// <summary>
/// Acts on one client message and answers on the same connection. Errors are answered, never
/// thrown: a bad message does not close the connection.
/// </summary>
internal sealed class ClientMessageHandler(
    WebSocketManager manager,
    IServiceScopeFactory scopes,
    IOptions<RealtimeOptions> options,
    StreamPublisher publisher,
    StreamHistory history,
    PendingNotifications pendingNotifications,
    NotificationDeliveries deliveries,
    RealtimeMetrics metrics,
    ILogger<ClientMessageHandler> logger,
    ConnectionGuards guards)
{
    private const string DatabaseUnavailableMessage = "The database is unavailable; try again shortly.";

    public async Task HandleAsync(WebSocketConnection connection, ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
    {
        metrics.Received();
        ClientMessage message;
        try
        {
            message = ClientMessageParser.Parse(utf8);
        }
        catch (ClientMessageParseException ex)
        {
            Reply(connection, new ErrorMessage(ex.Code, ex.Message) { ReplyTo = ex.ReplyTo });
            return;
        }

        try
        {
            await DispatchAsync(connection, message, cancellationToken);
        }
        catch (RealtimeException ex)
        {
            Reply(connection, new ErrorMessage(ex.Code, ex.Message) { ReplyTo = message.Id });
        }
        catch (NotFoundException ex)
        {
            Reply(connection, new ErrorMessage(ErrorCodes.NotFound, ex.Message) { ReplyTo = message.Id });
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            // The protocol has no code of its own for this; internal_error is the listed one for a
            // failure on the server's side, and the message tells the client it is worth a retry.
            RealtimeLog.DatabaseUnavailable(logger, message.Type.ToString(), connection.Id, ex.GetBaseException().Message);
            Reply(connection, new ErrorMessage(ErrorCodes.InternalError, DatabaseUnavailableMessage) { ReplyTo = message.Id });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RealtimeLog.MessageFailed(logger, ex, message.Type.ToString(), connection.Id);
            Reply(connection, new ErrorMessage(ErrorCodes.InternalError, "The server could not handle the message.") { ReplyTo = message.Id });
        }
    }

    /// <summary>
    /// Everything after <c>connection</c>, while live stream events are held, in <c>seq</c> order. With
    /// <paramref name="lastSeq"/>: the user's pending notifications at or below it, then the replay after
    /// it (which carries the newer pending ones), then <c>resumed</c>. Without: the pending notifications
    /// this connection will not receive live. Then the held live events — among them the pending
    /// notifications still under way — and one <c>unread_count</c>. A failure is logged; the connection
    /// stays usable.
    /// </summary>
    public async Task GreetAsync(WebSocketConnection connection, long? lastSeq, CancellationToken cancellationToken)
    {
        try
        {
            var pending = connection.UserId is { } userId ? await pendingNotifications.ReadAsync(userId, cancellationToken) : [];
            if (lastSeq is { } afterSeq)
            {
                await SendPendingAsync(connection, pending, seq => seq <= afterSeq, cancellationToken);
                await ReplayAsync(connection, afterSeq, replyTo: null, cancellationToken);
            }
            else
            {
                // Read in this order: an event this node delivered after the first read was held here.
                // From the first held event on, and past what this node has delivered, they arrive live.
                var delivered = publisher.Current;
                var firstLive = Math.Min(delivered + 1, connection.FirstHeldSeq ?? long.MaxValue);
                await SendPendingAsync(connection, pending, seq => seq < firstLive, cancellationToken);
            }

            await pendingNotifications.ReissueAsync([.. pending.Where(p => p.Event is null).Select(p => p.Notification)], cancellationToken);
            connection.EndReplay();
            if (connection.UserId is { } user)
            {
                await SendUnreadCountAsync(connection, user, replyTo: null, cancellationToken);
            }
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            // Without this the client would wait for a resumed or unread_count that never comes; told,
            // it can send resume (or get_unread_count) again later on the same connection.
            RealtimeLog.DatabaseUnavailable(logger, "greeting", connection.Id, ex.GetBaseException().Message);
            Reply(connection, new ErrorMessage(ErrorCodes.InternalError, DatabaseUnavailableMessage));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RealtimeLog.MessageFailed(logger, ex, "greeting", connection.Id);
        }
        finally
        {
            connection.EndReplay();
        }
    }

    /// <summary>
    /// <c>?topics=a,b</c> on the URL: subscribed before the replay, so a client reconnecting with
    /// <c>?last_seq=</c> gets what it missed on the topics it held, not only its notifications.
    /// </summary>
    public Task SubscribeAtConnectAsync(WebSocketConnection connection, IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        topics.Count == 0 ? Task.CompletedTask : HandleSubscribeAtConnectAsync(connection, topics, cancellationToken);

    private async Task HandleSubscribeAtConnectAsync(WebSocketConnection connection, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        try
        {
            await SubscribeAsync(connection, new ClientMessage(WebSocketMessageType.Subscribe, null) { Topics = topics }, cancellationToken);
        }
        catch (RealtimeException ex)
        {
            Reply(connection, new ErrorMessage(ex.Code, ex.Message));
        }
    }

    /// <summary>
    /// Sends, in <c>seq</c> order, the pending notifications in the log whose <c>seq</c> passes
    /// <paramref name="include"/>. They are recorded as delivered first: the client may close as soon
    /// as it has read them, and its next connection must not find them pending.
    /// </summary>
    private async Task SendPendingAsync(WebSocketConnection connection, IReadOnlyList<PendingNotification> pending, Func<long, bool> include, CancellationToken cancellationToken)
    {
        var events = pending.Select(p => p.Event).OfType<StreamEvent>().Where(e => e.Seq is { } seq && include(seq)).OrderBy(e => e.Seq).ToList();
        if (events.Count == 0)
        {
            return;
        }

        events.ForEach(e => deliveries.Delivered(e.NotificationId!.Value));
        await deliveries.FlushAsync(cancellationToken);
        var sent = 0;
        foreach (var streamEvent in events)
        {
            sent += SendReplayed(connection, streamEvent) ? 1 : 0;
        }

        metrics.NotificationsSentAtConnect(sent);
    }

    /// <summary>
    /// Sends every event after <paramref name="afterSeq"/> this connection is entitled to, in order,
    /// then <c>resumed</c>. The caller holds live events meanwhile, so none is lost, reordered or sent twice.
    /// </summary>
    private async Task ReplayAsync(WebSocketConnection connection, long afterSeq, MessageId? replyTo, CancellationToken cancellationToken)
    {
        var result = await history.ReadAsync(afterSeq, connection.UserId, connection.Topics, cancellationToken);
        var replayed = 0;
        foreach (var streamEvent in result.Events)
        {
            if (streamEvent is { UserId: not null, NotificationType: { } type } && !connection.AcceptsNotificationType(type))
            {
                continue;
            }

            if (!SendReplayed(connection, streamEvent))
            {
                continue;
            }

            replayed++;
            if (streamEvent.NotificationId is { } notificationId)
            {
                deliveries.Delivered(notificationId);
            }
        }

        Reply(connection, new ResumedMessage(afterSeq, Math.Max(afterSeq, result.LastSeq), replayed, result.Complete) { ReplyTo = replyTo });
        metrics.Resumed(result.Complete, replayed);
    }

    /// <summary>A logged event, as it was published.</summary>
    private static bool SendReplayed(WebSocketConnection connection, StreamEvent streamEvent) =>
        connection.TryEnqueueReplayed(MessageSerializer.WithSeq(streamEvent.Seq!.Value, streamEvent.Payload), streamEvent.Seq.Value);

    private async Task ResumeAsync(WebSocketConnection connection, ClientMessage message, CancellationToken cancellationToken)
    {
        connection.BeginReplay();
        try
        {
            await ReplayAsync(connection, message.LastSeq!.Value, message.Id, cancellationToken);
        }
        finally
        {
            connection.EndReplay();
        }
    }

    public static void Reply(WebSocketConnection connection, WebSocketMessage message)
    {
        if (connection.TryEnqueue(MessageSerializer.Serialize(message)) && message is ErrorMessage error)
        {
            connection.Metrics.ErrorSent(error.Code);
        }
    }

    private Task DispatchAsync(WebSocketConnection connection, ClientMessage message, CancellationToken cancellationToken)
    {
        switch (message.Type)
        {
            case WebSocketMessageType.Ping:
                Reply(connection, new PongMessage { ReplyTo = message.Id });
                return Task.CompletedTask;
            case WebSocketMessageType.Heartbeat:
                Reply(connection, new HeartbeatReplyMessage { ReplyTo = message.Id });
                return Task.CompletedTask;
            case WebSocketMessageType.Subscribe:
                return SubscribeAsync(connection, message, cancellationToken);
            case WebSocketMessageType.Unsubscribe:
                Unsubscribe(connection, message);
                return Task.CompletedTask;
            case WebSocketMessageType.GetUnreadCount:
                return UnreadCountAsync(connection, message, cancellationToken);
            case WebSocketMessageType.GetUnread:
                return UnreadAsync(connection, message, cancellationToken);
            case WebSocketMessageType.MarkRead:
                return MarkReadAsync(connection, message, cancellationToken);
            case WebSocketMessageType.Resume:
                return ResumeAsync(connection, message, cancellationToken);
            case WebSocketMessageType.Auth:
                return guards.RenewAsync(connection, message);
            default:
                throw new UnreachableException($"The parser admits no client message of type {message.Type}.");
        }
    }

    private async Task SubscribeAsync(WebSocketConnection connection, ClientMessage message, CancellationToken cancellationToken)
    {
        if (message.NotificationTypes is { } types)
        {
            _ = RequireUser(connection);
            connection.AddNotificationTypes(types);
            Reply(connection, new SubscriptionMessage(Topic.Notifications, SubscriptionMessage.Subscribed) { ReplyTo = message.Id, NotificationTypes = types });
        }

        if (message.Topics.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        foreach (var topic in message.Topics.Distinct(StringComparer.Ordinal))
        {
            var access = await mediator.Send(new AuthorizeSubscriptionQuery(connection.UserId, topic), cancellationToken);
            switch (access)
            {
                case TopicAccess.Allowed when !Topic.IsAutomatic(topic) && !connection.Topics.Contains(topic) && CountedSubscriptions(connection) >= options.Value.MaxSubscriptionsPerConnection:
                    var limit = new SubscriptionLimitException(options.Value.MaxSubscriptionsPerConnection);
                    Reply(connection, new ErrorMessage(limit.Code, limit.Message) { ReplyTo = message.Id });
                    break;
                case TopicAccess.Allowed:
                    manager.Subscribe(connection, topic);
                    Reply(connection, new SubscriptionMessage(topic, SubscriptionMessage.Subscribed) { ReplyTo = message.Id });
                    break;
                case TopicAccess.Invalid:
                    Reply(connection, new ErrorMessage(ErrorCodes.InvalidMessage, $"'{Shorten(topic)}' is not a valid topic: use [a-z0-9_.:-]{{1,128}}, and a UUID after 'note:' or 'task:'.") { ReplyTo = message.Id });
                    break;
                case TopicAccess.NotFound:
                    Reply(connection, new ErrorMessage(ErrorCodes.NotFound, $"Nothing exists for the topic '{topic}'.") { ReplyTo = message.Id });
                    break;
                default:
                    var forbidden = new TopicForbiddenException(topic, connection.UserId is null ? "sign in first" : "it belongs to another user");
                    Reply(connection, new ErrorMessage(forbidden.Code, forbidden.Message) { ReplyTo = message.Id });
                    break;
            }
        }
    }

    private Task UnreadCountAsync(WebSocketConnection connection, ClientMessage message, CancellationToken cancellationToken) =>
        SendUnreadCountAsync(connection, RequireUser(connection), message.Id, cancellationToken);

    private async Task SendUnreadCountAsync(WebSocketConnection connection, string userId, MessageId? replyTo, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var count = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetUnreadCountQuery(userId), cancellationToken);
        Reply(connection, NotificationMessages.UnreadCount(count, replyTo));
    }

    /// <summary><c>count</c> is every unread notification; <c>notifications</c> the newest <c>limit</c> of them.</summary>
    private async Task UnreadAsync(WebSocketConnection connection, ClientMessage message, CancellationToken cancellationToken)
    {
        var userId = RequireUser(connection);
        await using var scope = scopes.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListNotificationsQuery(userId, UnreadOnly: true, 1, message.Limit ?? 10), cancellationToken);
        Reply(connection, new UnreadNotificationsMessage(page.Total, [.. page.Items]) { ReplyTo = message.Id });
    }

    private async Task MarkReadAsync(WebSocketConnection connection, ClientMessage message, CancellationToken cancellationToken)
    {
        var userId = RequireUser(connection);
        if (!Guid.TryParse(message.NotificationId, out var notificationId))
        {
            throw new InvalidClientMessageException("'notification_id' must be a UUID.");
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new MarkNotificationReadCommand(userId, notificationId, new RequestOrigin(connection.Id, message.Id)), cancellationToken);
    }

    private void Unsubscribe(WebSocketConnection connection, ClientMessage message)
    {
        if (message.NotificationTypes is { } types)
        {
            connection.RemoveNotificationTypes(types);
            Reply(connection, new SubscriptionMessage(Topic.Notifications, SubscriptionMessage.Unsubscribed) { ReplyTo = message.Id, NotificationTypes = types });
        }

        foreach (var topic in message.Topics.Distinct(StringComparer.Ordinal))
        {
            if (!Topic.IsValid(topic))
            {
                Reply(connection, new ErrorMessage(ErrorCodes.InvalidMessage, $"'{Shorten(topic)}' is not a valid topic.") { ReplyTo = message.Id });
                continue;
            }

            manager.Unsubscribe(connection, topic);
            Reply(connection, new SubscriptionMessage(topic, SubscriptionMessage.Unsubscribed) { ReplyTo = message.Id });
        }
    }

    /// <summary>The automatic subscriptions (<c>notifications</c>, <c>broadcast</c>) do not count against the limit.</summary>
    private static int CountedSubscriptions(WebSocketConnection connection) =>
        connection.Topics.Count(t => !Topic.IsAutomatic(t));

    private static string RequireUser(WebSocketConnection connection) =>
        connection.UserId ?? throw new TopicForbiddenException(Topic.Notifications, "sign in first");

    private static string Shorten(string topic) => topic.Length <= 64 ? topic : topic[..64] + "…";
}
