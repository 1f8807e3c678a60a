namespace Friday.WebApi.Endpoints;

internal sealed record ActivityRequest(string? SubjectType, Guid? SubjectId, string? Action, string? Description, DateTimeOffset? OccurredAt, long? Version);
