namespace Friday.Bench.LoadGenerator.Protocol;

/// <summary>The user a connection acts as, with the JWT Friday needs (empty for SignalR).</summary>
internal sealed record ClientIdentity(string UserId, string Token);
