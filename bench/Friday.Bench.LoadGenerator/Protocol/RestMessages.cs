namespace Friday.Bench.LoadGenerator.Protocol;

internal sealed record TokenRequest(string UserId, IReadOnlyList<string> Roles);

internal sealed record TokenResponse(string Token);

internal sealed record NoteRequest(string Title, string Content);
