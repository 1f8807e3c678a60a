namespace Friday.Infrastructure.Identity;

public static class Policies
{
    /// <summary>The admin endpoints.</summary>
    public const string Admin = "admin";

    /// <summary>Publishing to public topics and notifying users: admins and internal services.</summary>
    public const string Publisher = "publisher";
}
