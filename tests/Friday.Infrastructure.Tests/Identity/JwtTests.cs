using Friday.Infrastructure.Identity;
using Friday.Infrastructure.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Friday.Infrastructure.Tests.Identity;

public sealed class JwtTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_WhenKeyMissing_ShouldFail(string? key)
    {
        var result = new JwtOptionsValidator().Validate(null, new JwtOptions { SigningKey = key });

        Assert.True(result.Failed);
        Assert.Contains("required", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("0123456789abcdef0123456789abcde")]
    public void Validate_WhenKeyShorterThan32Bytes_ShouldFail(string key)
    {
        var result = new JwtOptionsValidator().Validate(null, new JwtOptions { SigningKey = key });

        Assert.True(result.Failed);
        Assert.Contains("32", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenKeyCountsBytesNotCharacters_ShouldAcceptSixteenTwoByteCharacters()
    {
        var result = new JwtOptionsValidator().Validate(null, new JwtOptions { SigningKey = new string('é', 16) });

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(Key)]
    [InlineData(Key + Key)]
    public void Validate_WhenKeyHas32BytesOrMore_ShouldSucceed(string key)
    {
        Assert.True(new JwtOptionsValidator().Validate(null, new JwtOptions { SigningKey = key }).Succeeded);
    }

    [Fact]
    public void Issue_ShouldCarrySubjectRolesIssuerAudienceAndExpiry()
    {
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var options = new JwtOptions { SigningKey = Key, Issuer = "friday-test", Audience = "clients-test", LifetimeMinutes = 15 };
        var issuer = new JwtTokenIssuer(Options.Create(options), new FixedClock(now));

        var token = new JsonWebTokenHandler().ReadJsonWebToken(issuer.Issue("alice", ["admin", "service"]));

        Assert.Equal("alice", token.Subject);
        Assert.Equal(["admin", "service"], token.Claims.Where(c => c.Type == FridayClaims.Role).Select(c => c.Value));
        Assert.Equal("friday-test", token.Issuer);
        Assert.Equal(["clients-test"], token.Audiences);
        Assert.Equal(now.UtcDateTime, token.IssuedAt);
        Assert.Equal(now.UtcDateTime, token.ValidFrom);
        Assert.Equal(now.AddMinutes(15).UtcDateTime, token.ValidTo);
        Assert.Equal(SecurityAlgorithms.HmacSha256, token.Alg);
    }

    [Fact]
    public void Issue_WhenLifetimeGiven_ShouldUseIt()
    {
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var issuer = new JwtTokenIssuer(Options.Create(new JwtOptions { SigningKey = Key }), new FixedClock(now));

        var token = new JsonWebTokenHandler().ReadJsonWebToken(issuer.Issue("bob", [], TimeSpan.FromSeconds(90)));

        Assert.Equal(now.AddSeconds(90).UtcDateTime, token.ValidTo);
        Assert.DoesNotContain(token.Claims, c => c.Type == FridayClaims.Role);
    }

    [Fact]
    public async Task Issue_ShouldBeSignedWithTheConfiguredKey()
    {
        var options = new JwtOptions { SigningKey = Key };
        var issuer = new JwtTokenIssuer(Options.Create(options), TimeProvider.System);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = JwtTokenIssuer.SigningKey(options),
        };

        var valid = await new JsonWebTokenHandler().ValidateTokenAsync(issuer.Issue("alice", []), parameters);
        var wrongKey = await new JsonWebTokenHandler().ValidateTokenAsync(
            new JwtTokenIssuer(Options.Create(new JwtOptions { SigningKey = new string('z', 32) }), TimeProvider.System).Issue("alice", []),
            parameters);

        Assert.True(valid.IsValid, valid.Exception?.Message);
        Assert.False(wrongKey.IsValid);
    }

    [Fact]
    public void Issue_WhenUserBlank_ShouldThrow()
    {
        var issuer = new JwtTokenIssuer(Options.Create(new JwtOptions { SigningKey = Key }), TimeProvider.System);

        Assert.ThrowsAny<ArgumentException>(() => issuer.Issue(" ", []));
    }
}
