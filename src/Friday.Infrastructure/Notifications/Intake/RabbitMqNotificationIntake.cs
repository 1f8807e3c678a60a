using System.Text.Json;
using FluentValidation;
using Friday.Application.Common.Exceptions;
using Friday.Application.Notifications.Commands;
using Friday.Infrastructure.Backplane;
using Friday.Infrastructure.Common;
using Friday.Infrastructure.Persistence;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Friday.Infrastructure.Notifications.Intake;

/// <summary>
/// Consumes notification requests (the REST body and its target as JSON, <see cref="IntakeMessage"/>)
/// from a durable queue and sends each as the command REST would, in a <c>NotifyOnceCommand</c> keyed by
/// its message id when it has one, so that a redelivery takes no effect twice. A message is
/// acknowledged only after its notifications or broadcast committed; one
/// that can never succeed (malformed, invalid, too large) is rejected without requeue, so it goes to
/// the dead-letter exchange if there is one and never blocks the queue; while the database is away a
/// message waits and is handed back to the queue, so nothing is lost. Messages are handled one at a
/// time. Like the backplane's, the connection is rebuilt by <see cref="RabbitMqConnector"/>. Logs
/// name a message by its delivery tag and message id, never by its content.
/// </summary>
internal sealed partial class RabbitMqNotificationIntake(
    IServiceScopeFactory scopes, IOptions<NotificationIntakeOptions> options, IOptions<NodeOptions> node, ILogger<RabbitMqNotificationIntake> logger)
    : BackgroundService
{
    /// <summary>How long a stopping node lets the message in hand finish before it closes the channel.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Names the source of a handled request's key, so that keys of other sources can never collide with message ids.</summary>
    private const string MessageIdKeyPrefix = "amqp:";

    private readonly SemaphoreSlim _handling = new(1, 1);
    private bool _databaseDown;

    private NotificationIntakeOptions Options => options.Value;

    public override void Dispose()
    {
        _handling.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Options.IsEnabled
        ? RabbitMqConnector.KeepConnectedAsync(
            RunConnectionAsync,
            ex => LogBrokerLost(logger, Options.Queue, ex.GetType().Name, ex.Message),
            TimeSpan.FromMilliseconds(Options.ReconnectMilliseconds),
            stoppingToken)
        : Task.CompletedTask;

    private async Task RunConnectionAsync(CancellationToken stoppingToken)
    {
        var factory = RabbitMqConnector.Factory(Options.Uri!, $"friday {node.Value.Id} notification intake");
        await using var connection = await factory.CreateConnectionAsync(stoppingToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.ChannelShutdownAsync += (_, _) =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        await channel.QueueDeclareAsync(Options.Queue, durable: true, exclusive: false, autoDelete: false, arguments: QueueArguments(), cancellationToken: stoppingToken);
        await channel.BasicQosAsync(0, (ushort)Options.PrefetchCount, global: false, stoppingToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery, stoppingToken);
        var consumerTag = await channel.BasicConsumeAsync(Options.Queue, autoAck: false, consumer, stoppingToken);
        LogConnected(logger, Options.Queue);

        try
        {
            await closed.Task.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            await StopConsumingAsync(channel, consumerTag);
            throw;
        }
    }

    /// <summary>No new message, and the one in hand finishes: cut off after its commit, it would come back and notify twice.</summary>
    private async Task StopConsumingAsync(IChannel channel, string consumerTag)
    {
        try
        {
            using var timeout = new CancellationTokenSource(DrainTimeout);
            await channel.BasicCancelAsync(consumerTag, noWait: false, timeout.Token);
            if (await _handling.WaitAsync(DrainTimeout))
            {
                _handling.Release();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or AlreadyClosedException or OperationInterruptedException)
        {
            // The channel is going anyway; unacknowledged messages return to the queue with it.
        }
    }

    private Dictionary<string, object?>? QueueArguments() =>
        string.IsNullOrEmpty(Options.DeadLetterExchange) ? null : new() { ["x-dead-letter-exchange"] = Options.DeadLetterExchange };

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        await _handling.WaitAsync(CancellationToken.None);
        try
        {
            if (stoppingToken.IsCancellationRequested)
            {
                // Prefetched before the consumer was cancelled: left to return to the queue with the channel.
                return;
            }

            var outcome = await ProcessAsync(delivery, stoppingToken);
            await SettleAsync(channel, delivery.DeliveryTag, outcome);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping while the database is away: the message returns to the queue with the channel.
        }
        finally
        {
            _handling.Release();
        }
    }

    /// <summary>What to tell the broker about one message; waits out the retry delay when the database is away.</summary>
    private async Task<Outcome> ProcessAsync(BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        var messageId = delivery.BasicProperties.MessageId ?? "-";
        if (delivery.Body.Length > Options.MaxMessageBytes)
        {
            LogTooLarge(logger, delivery.DeliveryTag, messageId, delivery.Body.Length, Options.MaxMessageBytes);
            return Outcome.Reject;
        }

        IntakeMessage request;
        try
        {
            request = JsonSerializer.Deserialize(delivery.Body.Span, IntakeJsonContext.Default.IntakeMessage)
                ?? throw new JsonException("The message is JSON null.");
        }
        catch (JsonException ex)
        {
            // The exception's own text may quote the content: only where it broke is logged.
            LogMalformed(logger, delivery.DeliveryTag, messageId, ex.Path ?? "$", ex.LineNumber, ex.BytePositionInLine);
            return Outcome.Reject;
        }

        try
        {
            var command = request.ToCommand();
            var handled = await SendAsync(new NotifyOnceCommand(KeyOf(delivery.BasicProperties.MessageId), command));
            if (_databaseDown)
            {
                _databaseDown = false;
                LogDatabaseBack(logger);
            }

            if (handled)
            {
                LogHandled(logger, delivery.DeliveryTag, messageId, command.GetType().Name);
            }
            else
            {
                LogRepeat(logger, delivery.DeliveryTag, messageId);
            }

            return Outcome.Ack;
        }
        catch (ValidationException ex)
        {
            LogInvalid(logger, delivery.DeliveryTag, messageId, string.Join("; ", ex.Errors.Select(e => $"{JsonNamingPolicy.SnakeCaseLower.ConvertName(e.PropertyName)}: {e.ErrorMessage}")));
            return Outcome.Reject;
        }
        catch (Exception ex) when (ex is ServiceUnavailableException || DatabaseFailures.IsUnavailable(ex))
        {
            if (!_databaseDown)
            {
                _databaseDown = true;
                LogDatabaseDown(logger, Options.RetryDelayMilliseconds, ex.GetBaseException().GetType().Name);
            }

            await Task.Delay(Options.RetryDelayMilliseconds, stoppingToken);
            return Outcome.Requeue;
        }
        catch (Exception ex)
        {
            // A fault of Friday's, not of the message's transport: handing it back would retry it forever at the head of the queue.
            LogFailed(logger, ex, delivery.DeliveryTag, messageId);
            return Outcome.Reject;
        }
    }

    /// <summary>The request's key where the sender gave it a message id: a redelivery is then recognised.</summary>
    private static string? KeyOf(string? messageId) => string.IsNullOrEmpty(messageId) ? null : MessageIdKeyPrefix + messageId;

    private async Task<T> SendAsync<T>(IRequest<T> command)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, CancellationToken.None);
    }

    private async Task SettleAsync(IChannel channel, ulong deliveryTag, Outcome outcome)
    {
        try
        {
            switch (outcome)
            {
                case Outcome.Ack:
                    await channel.BasicAckAsync(deliveryTag, multiple: false);
                    break;
                case Outcome.Requeue:
                    await channel.BasicNackAsync(deliveryTag, multiple: false, requeue: true);
                    break;
                default:
                    await channel.BasicRejectAsync(deliveryTag, requeue: false);
                    break;
            }
        }
        catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException)
        {
            // The broker went away: it hands the message out again; after a committed one only its message id keeps it from notifying twice.
            LogUnsettled(logger, deliveryTag, outcome);
        }
    }

    private enum Outcome
    {
        Ack,
        Requeue,
        Reject,
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Consuming notification requests from queue {Queue}")]
    private static partial void LogConnected(ILogger logger, string queue);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "Lost the notification intake broker for queue {Queue} ({ErrorType}: {Error}); reconnecting")]
    private static partial void LogBrokerLost(ILogger logger, string queue, string errorType, string error);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Debug, Message = "Notification request {DeliveryTag} (message id {MessageId}) handled as {Command}")]
    private static partial void LogHandled(ILogger logger, ulong deliveryTag, string messageId, string command);

    [LoggerMessage(EventId = 4311, Level = LogLevel.Information, Message = "Notification request {DeliveryTag} (message id {MessageId}) was handled before: acknowledged without taking effect again")]
    private static partial void LogRepeat(ILogger logger, ulong deliveryTag, string messageId);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Warning, Message = "Rejected notification request {DeliveryTag} (message id {MessageId}): not JSON of the request's shape at {Path}, line {Line}, byte {Byte}")]
    private static partial void LogMalformed(ILogger logger, ulong deliveryTag, string messageId, string path, long? line, long? @byte);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Warning, Message = "Rejected notification request {DeliveryTag} (message id {MessageId}): {Errors}")]
    private static partial void LogInvalid(ILogger logger, ulong deliveryTag, string messageId, string errors);

    [LoggerMessage(EventId = 4306, Level = LogLevel.Warning, Message = "Rejected notification request {DeliveryTag} (message id {MessageId}): {Size} bytes, more than {Limit}")]
    private static partial void LogTooLarge(ILogger logger, ulong deliveryTag, string messageId, int size, int limit);

    [LoggerMessage(EventId = 4307, Level = LogLevel.Warning, Message = "The notification intake cannot reach the database ({ErrorType}); each request goes back to the queue after {DelayMs} ms until it can")]
    private static partial void LogDatabaseDown(ILogger logger, int delayMs, string errorType);

    [LoggerMessage(EventId = 4308, Level = LogLevel.Information, Message = "The notification intake reached the database again")]
    private static partial void LogDatabaseBack(ILogger logger);

    [LoggerMessage(EventId = 4309, Level = LogLevel.Error, Message = "Rejected notification request {DeliveryTag} (message id {MessageId}): handling it failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, ulong deliveryTag, string messageId);

    [LoggerMessage(EventId = 4310, Level = LogLevel.Warning, Message = "Could not settle notification request {DeliveryTag} ({Outcome}): the channel closed; the broker delivers it again")]
    private static partial void LogUnsettled(ILogger logger, ulong deliveryTag, Outcome outcome);
}
