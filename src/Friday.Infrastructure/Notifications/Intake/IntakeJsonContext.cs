using System.Text.Json.Serialization;

namespace Friday.Infrastructure.Notifications.Intake;

/// <summary>A queued request reads like the REST body: snake_case, the same fields, and its target.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(IntakeMessage))]
internal sealed partial class IntakeJsonContext : JsonSerializerContext;
