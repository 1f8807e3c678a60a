using System.Text.Json.Serialization;

namespace Friday.Bench.Micro;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(NotificationMessage))]
internal sealed partial class MicroJsonContext : JsonSerializerContext;
