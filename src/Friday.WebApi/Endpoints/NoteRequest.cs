namespace Friday.WebApi.Endpoints;

/// <param name="Version">On update: the version last read, for the optimistic-concurrency check.</param>
internal sealed record NoteRequest(string? Title, string? Content, long? Version);
