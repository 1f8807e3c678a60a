using System.Threading.Channels;
using Friday.Domain.Realtime;
using Friday.Infrastructure.Common;
using Friday.Infrastructure.Realtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Friday.Infrastructure.Backplane;

/// <summary>
/// Every node publishes to one fanout exchange and consumes through its own exclusive, auto-delete,
/// server-named queue. A node serves its own connections directly and skips its own messages when
/// they come back (by the node header), so local delivery does not depend on the broker. Messages
/// that cannot be published while the broker is away are dropped: other nodes fill the gap from the
/// event log when the next event reaches them, and their clients resume. The connection is rebuilt
/// by <see cref="RabbitMqConnector"/>'s loop, after which the node catches up from the event log; the
/// server-named queue is simply declared anew.
/// </summary>
internal sealed partial class RabbitMqBackplane : BackgroundService, IStreamBackplane
{
    private const int OutgoingCapacity = 10_000;
    private readonly OrderedStreamDelivery _delivery;
    private readonly WebSocketManager _sockets;
    private readonly BackplaneOptions _options;
    private readonly string _nodeId;
    private readonly ILogger<RabbitMqBackplane> _logger;
    private readonly Channel<Outgoing> _outgoing = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(OutgoingCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private volatile bool _connected;

    public RabbitMqBackplane(OrderedStreamDelivery delivery, WebSocketManager sockets, IOptions<BackplaneOptions> options, IOptions<NodeOptions> node, ILogger<RabbitMqBackplane> logger)
    {
        _delivery = delivery;
        _sockets = sockets;
        _options = options.Value;
        _nodeId = node.Value.Id;
        _logger = logger;
    }

    public bool IsConnected => _connected;

    public int Publish(StreamEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var sent = _delivery.Deliver(envelope);
        Enqueue(new Outgoing(BackplaneMessage.PropertiesOf(envelope, _nodeId), envelope.Payload));
        return sent;
    }

    public int PublishToUser(UserMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sent = _sockets.SendToUser(message);
        Enqueue(new Outgoing(BackplaneMessage.PropertiesOf(message, _nodeId), message.Payload));
        return sent;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        RabbitMqConnector.KeepConnectedAsync(
            RunConnectionAsync, ex => LogBrokerLost(_logger, ex, _nodeId), TimeSpan.FromMilliseconds(_options.ReconnectMilliseconds), stoppingToken);

    private async Task RunConnectionAsync(CancellationToken stoppingToken)
    {
        var factory = RabbitMqConnector.Factory(_options.ConnectionString!, $"friday {_nodeId}");
        await using var connection = await factory.CreateConnectionAsync(stoppingToken);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionShutdownAsync += (_, _) =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        await using var consuming = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        await consuming.ExchangeDeclareAsync(_options.Exchange, ExchangeType.Fanout, durable: false, autoDelete: false, cancellationToken: stoppingToken);
        var queue = await consuming.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: stoppingToken);
        await consuming.QueueBindAsync(queue.QueueName, _options.Exchange, string.Empty, cancellationToken: stoppingToken);
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += (_, delivered) =>
        {
            Receive(delivered);
            return Task.CompletedTask;
        };
        await consuming.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, stoppingToken);
        await using var publishing = await connection.CreateChannelAsync(cancellationToken: stoppingToken);

        _connected = true;
        try
        {
            LogBrokerConnected(_logger, _nodeId, _options.Exchange, queue.QueueName);
            await _delivery.CatchUpAsync(stoppingToken);
            await PublishUntilClosedAsync(publishing, closed.Task, stoppingToken);
        }
        finally
        {
            _connected = false;
        }
    }

    /// <summary>The one publisher: a single loop keeps this node's events on the wire in seq order.</summary>
    private async Task PublishUntilClosedAsync(IChannel channel, Task closed, CancellationToken stoppingToken)
    {
        var reader = _outgoing.Reader;
        while (!closed.IsCompleted)
        {
            var ready = reader.WaitToReadAsync(stoppingToken).AsTask();
            if (await Task.WhenAny(ready, closed) == closed || !await ready)
            {
                return;
            }

            while (reader.TryRead(out var message))
            {
                await channel.BasicPublishAsync(_options.Exchange, string.Empty, mandatory: false, message.Properties, message.Body, stoppingToken);
            }
        }
    }

    private void Enqueue(Outgoing message)
    {
        if (!_connected || !_outgoing.Writer.TryWrite(message))
        {
            LogNotPublished(_logger, _nodeId);
        }
    }

    private void Receive(BasicDeliverEventArgs delivered)
    {
        if (BackplaneMessage.NodeOf(delivered.BasicProperties) == _nodeId)
        {
            return;
        }

        try
        {
            switch (BackplaneMessage.Decode(delivered.BasicProperties, delivered.Body))
            {
                case StreamEnvelope envelope:
                    _delivery.Deliver(envelope);
                    break;
                case UserMessage message:
                    _sockets.SendToUser(message);
                    break;
            }
        }
        catch (FormatException ex)
        {
            LogMalformed(_logger, ex);
        }
    }

    private sealed record Outgoing(BasicProperties Properties, ReadOnlyMemory<byte> Body);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Node {NodeId} connected to the backplane: exchange {Exchange}, queue {Queue}")]
    private static partial void LogBrokerConnected(ILogger logger, string nodeId, string exchange, string queue);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Node {NodeId} lost the backplane broker; it keeps serving its own clients and reconnects")]
    private static partial void LogBrokerLost(ILogger logger, Exception exception, string nodeId);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "Node {NodeId} could not hand a message to the broker; other nodes catch up from the event log")]
    private static partial void LogNotPublished(ILogger logger, string nodeId);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "A malformed backplane message was ignored")]
    private static partial void LogMalformed(ILogger logger, Exception exception);
}
