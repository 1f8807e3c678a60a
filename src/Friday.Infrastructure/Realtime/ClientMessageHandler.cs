using System.Text.Json;
using Friday.Application.Common.Exceptions;
using Friday.Application.Notifications;
using Friday.Application.Notifications.Commands;
using Friday.Application.Notifications.Queries;
using Friday.Application.Realtime;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Notifications;
using Friday.Infrastructure.Realtime.Inbound;
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
    IOptions<NotificationOptions> notificationOptions,
    IStreamSequence sequence,
    TimeProvider clock,
    RealtimeMetrics metrics,
    ILogger<ClientMessageHandler> logger)
{
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
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RealtimeLog.MessageFailed(logger, ex, message.Type.ToString(), connection.Id);
            Reply(connection, new ErrorMessage(ErrorCodes.InternalError, "The server could not handle the message.") { ReplyTo = message.Id });
        }
    }

    /// <summary>
    /// Right after <c>connection</c>: what was created for the user while they had no connection,
    /// oldest first, then the unread count. A failure is logged; the connection stays usable.
    /// </summary>
    public async Task SendPendingNotificationsAsync(WebSocketConnection connection, CancellationToken cancellationToken)
    {
        if (connection.UserId is not { } userId)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var pending = await mediator.Send(new DeliverPendingNotificationsCommand(userId, notificationOptions.Value.MaxPendingOnConnect), cancellationToken);
            foreach (var notification in pending)
            {
                Reply(connection, NotificationMessages.Notification(notification, sequence.Issue(), clock.GetUtcNow()));
            }

            Reply(connection, NotificationMessages.UnreadCount(await mediator.Send(new GetUnreadCountQuery(userId), cancellationToken)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RealtimeLog.MessageFailed(logger, ex, "pending notifications", connection.Id);
        }
    }

    public static void Reply(WebSocketConnection connection, WebSocketMessage message) =>
        connection.TryEnqueue(MessageSerializer.Serialize(message));

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
            default:
                throw new RealtimeException(ErrorCodes.UnknownMessageType, $"The message type '{JsonNamingPolicy.SnakeCaseLower.ConvertName(message.Type.ToString())}' is not handled by this server.");
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
                case TopicAccess.Allowed when !connection.Topics.Contains(topic) && CountedSubscriptions(connection) >= options.Value.MaxSubscriptionsPerConnection:
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

    private async Task UnreadCountAsync(WebSocketConnection connection, ClientMessage message, CancellationToken cancellationToken)
    {
        var userId = RequireUser(connection);
        await using var scope = scopes.CreateAsyncScope();
        var count = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetUnreadCountQuery(userId), cancellationToken);
        Reply(connection, NotificationMessages.UnreadCount(count, message.Id));
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

    /// <summary>The automatic <c>notifications</c> subscription does not count against the limit.</summary>
    private static int CountedSubscriptions(WebSocketConnection connection) =>
        connection.Topics.Count - (connection.Topics.Contains(Topic.Notifications) ? 1 : 0);

    private static string RequireUser(WebSocketConnection connection) =>
        connection.UserId ?? throw new TopicForbiddenException(Topic.Notifications, "sign in first");

    private static string Shorten(string topic) => topic.Length <= 64 ? topic : topic[..64] + "…";
}
