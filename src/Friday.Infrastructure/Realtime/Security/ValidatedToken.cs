namespace Friday.Infrastructure.Realtime.Security;

/// <summary>A token sent over an open connection that passed validation: whose it is, and until when.</summary>
internal sealed record ValidatedToken(string Subject, DateTimeOffset ExpiresAt);
