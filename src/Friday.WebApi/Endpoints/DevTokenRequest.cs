namespace Friday.WebApi.Endpoints;

internal sealed record DevTokenRequest(string? UserId, string[]? Roles, int? LifetimeSeconds);
