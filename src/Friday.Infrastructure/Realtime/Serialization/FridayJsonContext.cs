using System.Text.Json.Serialization;
using Friday.Application.Activities;
using Friday.Application.Notes;
using Friday.Application.Notifications;
using Friday.Application.Tasks;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;

namespace Friday.Infrastructure.Realtime.Serialization;

/// <summary>
/// Source-generated serialisation of every server message and the entity snapshots they carry, so
/// the hot path neither reflects nor allocates per property.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(UtcTimestampConverter), typeof(MessageIdConverter), typeof(SnakeCaseEnumConverter<WebSocketMessageType>)])]
[JsonSerializable(typeof(ConnectionMessage))]
[JsonSerializable(typeof(PongMessage))]
[JsonSerializable(typeof(HeartbeatMessage))]
[JsonSerializable(typeof(HeartbeatReplyMessage))]
[JsonSerializable(typeof(SubscriptionMessage))]
[JsonSerializable(typeof(ErrorMessage))]
[JsonSerializable(typeof(DataChangedMessage))]
[JsonSerializable(typeof(NotificationMessage))]
[JsonSerializable(typeof(NotificationUpdateMessage))]
[JsonSerializable(typeof(UnreadCountMessage))]
[JsonSerializable(typeof(UnreadNotificationsMessage))]
[JsonSerializable(typeof(ResumedMessage))]
[JsonSerializable(typeof(AuthMessage))]
[JsonSerializable(typeof(NoteDto))]
[JsonSerializable(typeof(TaskDto))]
[JsonSerializable(typeof(ActivityDto))]
[JsonSerializable(typeof(NotificationDto))]
[JsonSerializable(typeof(SystemStatusReport))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
public sealed partial class FridayJsonContext : JsonSerializerContext;
