namespace Friday.Infrastructure.Identity;

/// <summary>Issues Friday's own tokens: the development endpoint and tests use it.</summary>
public interface ITokenIssuer
{
    string Issue(string userId, IReadOnlyCollection<string> roles, TimeSpan? lifetime = null);
}
