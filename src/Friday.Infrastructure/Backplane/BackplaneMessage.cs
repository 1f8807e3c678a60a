using System.Globalization;
using System.Text;
using Friday.Domain.Realtime;
using Friday.Infrastructure.Realtime;
using RabbitMQ.Client;

namespace Friday.Infrastructure.Backplane;

/// <summary>
/// How a stream event or a user message travels between nodes: the serialised message as the body,
/// untouched, and what a node needs to route it locally as headers.
/// </summary>
internal static class BackplaneMessage
{
    private const string NodeHeader = "friday-node";
    private const string SeqHeader = "friday-seq";
    private const string UserHeader = "friday-user";
    private const string TopicHeader = "friday-topic";
    private const string InstanceTopicHeader = "friday-instance-topic";
    private const string NotificationTypeHeader = "friday-notification-type";
    private const string NotificationIdHeader = "friday-notification-id";
    private const string ExceptHeader = "friday-except";

    public static BasicProperties PropertiesOf(StreamEnvelope envelope, string nodeId)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var topics = envelope.Audience.Topics;
        return Properties(nodeId, new Dictionary<string, object?>
        {
            [SeqHeader] = envelope.Seq.ToString(CultureInfo.InvariantCulture),
            [UserHeader] = envelope.Audience.UserId,
            [TopicHeader] = topics[0],
            [InstanceTopicHeader] = topics.Count > 1 ? topics[1] : null,
            [NotificationTypeHeader] = envelope.NotificationType,
            [NotificationIdHeader] = envelope.NotificationId?.ToString(),
        });
    }

    public static BasicProperties PropertiesOf(UserMessage message, string nodeId)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Properties(nodeId, new Dictionary<string, object?>
        {
            [UserHeader] = message.UserId,
            [NotificationTypeHeader] = message.NotificationType,
            [ExceptHeader] = message.ExceptConnectionId,
        });
    }

    public static string? NodeOf(IReadOnlyBasicProperties properties) => Read(properties, NodeHeader);

    /// <summary>A stream event when the message carries a <c>seq</c>, otherwise a user message.</summary>
    public static object Decode(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        var payload = body.ToArray();
        var user = Read(properties, UserHeader);
        var notificationType = Read(properties, NotificationTypeHeader);
        if (Read(properties, SeqHeader) is not { } seqText)
        {
            return new UserMessage(user ?? throw new FormatException("A user message without a user."), payload, notificationType, Read(properties, ExceptHeader));
        }

        var seq = long.Parse(seqText, CultureInfo.InvariantCulture);
        var topic = Read(properties, TopicHeader) ?? throw new FormatException("A stream event without a topic.");
        var audience = user is null
            ? Audience.PublicTopic(topic)
            : Read(properties, InstanceTopicHeader) is { } instance ? Audience.User(user, topic, instance) : Audience.User(user, topic);
        var notificationId = Read(properties, NotificationIdHeader) is { } id ? Guid.Parse(id, CultureInfo.InvariantCulture) : (Guid?)null;
        return new StreamEnvelope(seq, audience, notificationType, payload, notificationId);
    }

    private static BasicProperties Properties(string nodeId, Dictionary<string, object?> headers)
    {
        headers[NodeHeader] = nodeId;
        foreach (var key in headers.Where(h => h.Value is null).Select(h => h.Key).ToList())
        {
            headers.Remove(key);
        }

        return new BasicProperties { Headers = headers };
    }

    // AMQP carries header strings as bytes.
    private static string? Read(IReadOnlyBasicProperties properties, string key) =>
        properties.Headers?.TryGetValue(key, out var value) == true ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string text => text,
            _ => null,
        } : null;
}
