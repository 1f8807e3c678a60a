using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Friday.Infrastructure.Identity;

/// <summary>Strict validation: one algorithm, issuer, audience, lifetime with a small skew.</summary>
internal sealed class JwtBearerSetup(IOptions<JwtOptions> jwtOptions) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var jwt = jwtOptions.Value;
        options.MapInboundClaims = false;

        // Nothing reads the token back from the ticket; saved, every open socket would keep a copy.
        options.SaveToken = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = jwt.Issuer,
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            IssuerSigningKey = JwtTokenIssuer.SigningKey(jwt),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(jwt.ClockSkewSeconds),
            NameClaimType = FridayClaims.Subject,
            RoleClaimType = FridayClaims.Role,
        };
        options.Events = new JwtBearerEvents
        {
            // Browsers cannot set headers on a WebSocket upgrade, so the token may come in the query.
            OnMessageReceived = context =>
            {
                if (string.IsNullOrEmpty(context.Token)
                    && context.Request.Path.StartsWithSegments("/ws")
                    && context.Request.Query.TryGetValue("token", out var token))
                {
                    context.Token = token.ToString();
                }

                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                // An upgrade request's principal lives as long as its socket. The connection reads
                // only the subject and the expiry, so it keeps those two claims and lets the parsed
                // token and the rest go: a few KiB per open socket.
                if (context.HttpContext.WebSockets.IsWebSocketRequest && context.Principal?.Identity is ClaimsIdentity identity)
                {
                    var kept = identity.Claims.Where(c => c.Type is FridayClaims.Subject or JwtRegisteredClaimNames.Exp);
                    context.Principal = new ClaimsPrincipal(new ClaimsIdentity(kept, identity.AuthenticationType, FridayClaims.Subject, FridayClaims.Role));
                }

                return Task.CompletedTask;
            },
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
