namespace Friday.WebApi.Endpoints;

internal sealed record TaskRequest(string? Title, string? Description, DateTimeOffset? DueAt, long? Version);
