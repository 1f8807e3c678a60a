using Friday.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Friday.Infrastructure.Realtime.Security;

/// <summary>
/// Checks a token sent over an open connection exactly as the upgrade request's token was checked:
/// the same parameters the JwtBearer handler uses, so the two can never drift apart.
/// </summary>
internal sealed class ConnectionTokenValidator(IOptionsMonitor<JwtBearerOptions> bearer)
{
    private readonly JsonWebTokenHandler _handler = new();

    public async Task<ValidatedToken?> ValidateAsync(string token)
    {
        var parameters = bearer.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
        var result = await _handler.ValidateTokenAsync(token, parameters);
        return result.IsValid
            && result.SecurityToken is JsonWebToken jwt
            && jwt.TryGetPayloadValue<string>(FridayClaims.Subject, out var subject)
            && !string.IsNullOrEmpty(subject)
                ? new ValidatedToken(subject, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero))
                : null;
    }
}
