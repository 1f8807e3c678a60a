namespace Friday.WebApi.Endpoints;

internal sealed record UnreadCountResponse(int Count);
