namespace Friday.Infrastructure.Identity;

public static class Roles
{
    public const string Admin = "admin";
    public const string Service = "service";
}
