using System.Text;
using Friday.Tests.Support;
using RabbitMQ.Client;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// A test's own notification intake queue on the test broker, with a dead-letter exchange and queue,
/// the way another service publishes to Friday; all of it deleted on disposal.
/// </summary>
internal sealed class IntakeQueue : IAsyncDisposable
{
    private IConnection _connection;
    private IChannel _channel;

    private IntakeQueue(IConnection connection, IChannel channel, string name)
    {
        _connection = connection;
        _channel = channel;
        Name = name;
    }

    public string Name { get; }

    public string DeadLetterExchange => $"{Name}.dlx";

    public string DeadLetterQueue => $"{Name}.dead";

    public static async Task<IntakeQueue> CreateAsync()
    {
        var (connection, channel) = await ConnectAsync();
        var queue = new IntakeQueue(connection, channel, $"friday.test.intake.{Guid.NewGuid():N}");
        await channel.ExchangeDeclareAsync(queue.DeadLetterExchange, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(queue.DeadLetterQueue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue.DeadLetterQueue, queue.DeadLetterExchange, string.Empty);
        return queue;
    }

    /// <summary>A new connection, after the broker was restarted under the old one.</summary>
    public async Task ReconnectAsync()
    {
        await _connection.DisposeAsync();
        (_connection, _channel) = await ConnectAsync();
    }

    /// <summary>The settings that point a node at this queue.</summary>
    public void Configure(FridayServer server)
    {
        server.Settings["NotificationIntake:RabbitMq:Uri"] = TestRabbitMq.ConnectionString;
        server.Settings["NotificationIntake:RabbitMq:Queue"] = Name;
        server.Settings["NotificationIntake:RabbitMq:DeadLetterExchange"] = DeadLetterExchange;
        server.Settings["NotificationIntake:RabbitMq:ReconnectMilliseconds"] = "300";
        server.Settings["NotificationIntake:RabbitMq:RetryDelayMilliseconds"] = "300";
    }

    /// <summary>The queue as Friday declares it, for a test that publishes before any node ran.</summary>
    public Task DeclareAsync() =>
        _channel.QueueDeclareAsync(Name, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-dead-letter-exchange"] = DeadLetterExchange });

    public async Task PublishAsync(string json, string? messageId = null)
    {
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json", MessageId = messageId ?? Guid.NewGuid().ToString("N") };
        await _channel.BasicPublishAsync(string.Empty, Name, mandatory: true, properties, Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Messages ready in the queue: neither delivered nor waiting to be acknowledged.</summary>
    public async Task<uint> ReadyCountAsync(string? queue = null) => (await _channel.QueueDeclarePassiveAsync(queue ?? Name)).MessageCount;

    /// <summary>Takes every message from the dead-letter queue; their bodies, oldest first.</summary>
    public async Task<List<string>> DrainDeadLettersAsync()
    {
        var bodies = new List<string>();
        while (await _channel.BasicGetAsync(DeadLetterQueue, autoAck: true) is { } message)
        {
            bodies.Add(Encoding.UTF8.GetString(message.Body.Span));
        }

        return bodies;
    }

    private static async Task<(IConnection Connection, IChannel Channel)> ConnectAsync()
    {
        var connection = await new ConnectionFactory { Uri = new Uri(TestRabbitMq.ConnectionString!), AutomaticRecoveryEnabled = false }.CreateConnectionAsync();
        return (connection, await connection.CreateChannelAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.QueueDeleteAsync(Name);
        await _channel.QueueDeleteAsync(DeadLetterQueue);
        await _channel.ExchangeDeleteAsync(DeadLetterExchange);
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
