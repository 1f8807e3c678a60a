using System.Security.Claims;
using Friday.Infrastructure.Identity;

namespace Friday.WebApi.Infrastructure;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's user id; endpoints that call this require an authenticated user.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(FridayClaims.Subject) ?? throw new InvalidOperationException("The endpoint requires an authenticated user with a 'sub' claim.");
}
