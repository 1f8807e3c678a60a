namespace Friday.WebApi.Endpoints;

internal sealed record DevTokenResponse(string Token);
