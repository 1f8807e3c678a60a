using System.Text.Json.Serialization;
using Friday.Bench.LoadGenerator.Protocol;
using Friday.Bench.LoadGenerator.Reporting;

namespace Friday.Bench.LoadGenerator;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(NoteRequest))]
[JsonSerializable(typeof(ScenarioResult))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
