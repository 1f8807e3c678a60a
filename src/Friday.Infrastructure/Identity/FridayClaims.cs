namespace Friday.Infrastructure.Identity;

/// <summary>Claim names as they stand in the token; inbound claim mapping is off so they stay so.</summary>
public static class FridayClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
}
