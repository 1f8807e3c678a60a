namespace Friday.Bench.LoadGenerator.Protocol;

internal sealed record TokenResponse(string Token);
