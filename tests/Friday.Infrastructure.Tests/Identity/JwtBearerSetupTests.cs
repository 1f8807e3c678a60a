using System.Security.Claims;
using Friday.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Tests.Identity;

public sealed class JwtBearerSetupTests
{
    [Fact]
    public async Task TokenValidated_OnAWebSocketUpgrade_ShouldKeepOnlyTheSubjectAndExpiry()
    {
        var context = Validated(webSocket: true);

        await Configured().Events.TokenValidated(context);

        Assert.Equal(["sub", "exp"], context.Principal!.Claims.Select(c => c.Type));
        Assert.True(context.Principal.Identity!.IsAuthenticated);
        Assert.Equal("alice", context.Principal.Identity.Name);
    }

    [Fact]
    public async Task TokenValidated_OnAnOrdinaryRequest_ShouldKeepEveryClaim()
    {
        var context = Validated(webSocket: false);
        var before = context.Principal;

        await Configured().Events.TokenValidated(context);

        Assert.Same(before, context.Principal);
        Assert.Equal(4, context.Principal!.Claims.Count());
    }

    private static JwtBearerOptions Configured()
    {
        var options = new JwtBearerOptions();
        new JwtBearerSetup(Options.Create(new JwtOptions { SigningKey = "0123456789abcdef0123456789abcdef" }))
            .Configure(JwtBearerDefaults.AuthenticationScheme, options);
        return options;
    }

    private static TokenValidatedContext Validated(bool webSocket)
    {
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpWebSocketFeature>(new UpgradeFeature(webSocket));
        var identity = new ClaimsIdentity([new("sub", "alice"), new("role", "admin"), new("exp", "1900000000"), new("jti", "x")], "Bearer", "sub", "role");
        var scheme = new AuthenticationScheme(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler));
        return new TokenValidatedContext(http, scheme, new JwtBearerOptions()) { Principal = new ClaimsPrincipal(identity) };
    }

    private sealed class UpgradeFeature(bool isWebSocketRequest) : IHttpWebSocketFeature
    {
        public bool IsWebSocketRequest => isWebSocketRequest;

        public Task<System.Net.WebSockets.WebSocket> AcceptAsync(WebSocketAcceptContext context) => throw new NotSupportedException();
    }
}
