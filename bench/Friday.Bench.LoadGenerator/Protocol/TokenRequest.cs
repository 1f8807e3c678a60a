namespace Friday.Bench.LoadGenerator.Protocol;

internal sealed record TokenRequest(string UserId, IReadOnlyList<string> Roles);
