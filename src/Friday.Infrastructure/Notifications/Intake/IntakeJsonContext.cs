using System.Text.Json.Serialization;
using Friday.Application.Notifications;

namespace Friday.Infrastructure.Notifications.Intake;

/// <summary>A queued request reads like the REST body: snake_case, the same fields.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(NotificationRequest))]
internal sealed partial class IntakeJsonContext : JsonSerializerContext;
