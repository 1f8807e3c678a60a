namespace Friday.WebApi.Endpoints;

internal sealed record DisconnectRequest(string? UserId, string? Reason);
