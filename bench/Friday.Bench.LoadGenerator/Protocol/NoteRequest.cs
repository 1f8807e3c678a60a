namespace Friday.Bench.LoadGenerator.Protocol;

internal sealed record NoteRequest(string Title, string Content);
