using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Friday.Infrastructure.Identity;
using Friday.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Friday.WebApi.Tests;

/// <summary>Each rule of the strict JWT validation, proven by a token that breaks only that rule.</summary>
public sealed class TokenValidationTests(FridayServer server) : IClassFixture<FridayServer>
{
    [Fact]
    public async Task WellFormedToken_ShouldBeAccepted()
    {
        Assert.Equal(HttpStatusCode.OK, await GetNotesWithAsync(Forge()));
    }

    [Theory]
    [InlineData("algorithm HS512")]
    [InlineData("algorithm none")]
    [InlineData("another signing key")]
    [InlineData("wrong issuer")]
    [InlineData("wrong audience")]
    [InlineData("expired beyond the skew")]
    [InlineData("not yet valid")]
    [InlineData("no expiry")]
    public async Task TokenBreakingOneRule_ShouldBe401_OverRestAndWebSocket(string rule)
    {
        var token = rule switch
        {
            "algorithm HS512" => Handmade("HS512", HMACSHA512.HashData),
            "algorithm none" => Handmade("none", sign: null),
            "another signing key" => Forge(key: "an-attacker-chosen-key-of-at-least-32-bytes!!"),
            "wrong issuer" => Forge(issuer: "someone-else"),
            "wrong audience" => Forge(audience: "another-api"),
            "expired beyond the skew" => Forge(notBefore: DateTime.UtcNow.AddMinutes(-10), expires: DateTime.UtcNow.AddMinutes(-2)),
            "not yet valid" => Forge(notBefore: DateTime.UtcNow.AddMinutes(5), expires: DateTime.UtcNow.AddMinutes(20)),
            _ => Forge(withExpiry: false),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, await GetNotesWithAsync(token));
        await using var socket = await server.ConnectAsync(null, extraQuery: $"token={token}");
        Assert.Equal("unauthorized", (await socket.ReceiveTypeAsync("error")).GetProperty("code").GetString());
        Assert.Equal(4001, (int)(await socket.ReceiveCloseAsync())!);
    }

    private async Task<HttpStatusCode> GetNotesWithAsync(string token)
    {
        using var client = server.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/api/notes");
        return response.StatusCode;
    }

    private string Forge(
        string? key = null,
        string? issuer = null,
        string? audience = null,
        DateTime? notBefore = null,
        DateTime? expires = null,
        bool withExpiry = true)
    {
        var jwt = server.Services.GetRequiredService<IOptions<JwtOptions>>().Value;
        var now = DateTime.UtcNow;
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(FridayClaims.Subject, "forged-user")]),
            Issuer = issuer ?? jwt.Issuer,
            Audience = audience ?? jwt.Audience,
            IssuedAt = notBefore ?? now,
            NotBefore = notBefore ?? now,
            Expires = withExpiry ? expires ?? now.AddMinutes(10) : null,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key ?? jwt.SigningKey!)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Built by hand: the library refuses to sign HS512 with a key this short, an attacker would not.</summary>
    private string Handmade(string algorithm, Func<byte[], byte[], byte[]>? sign)
    {
        var jwt = server.Services.GetRequiredService<IOptions<JwtOptions>>().Value;
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode($$"""{"alg":"{{algorithm}}","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode($$"""{"sub":"forged-user","iss":"{{jwt.Issuer}}","aud":"{{jwt.Audience}}","exp":{{exp}}}""");
        var signature = sign is null ? string.Empty : Base64UrlEncoder.Encode(sign(Encoding.UTF8.GetBytes(jwt.SigningKey!), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }
}
