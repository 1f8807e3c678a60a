namespace Friday.WebApi.Endpoints;

internal sealed record DisconnectResult(string UserId, int Disconnected);
