using System.Net;
using Daemun.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>An operator's own API scope, named with a colon through <c>ApiScopes:{key}:Name</c>: a machine client gets an access token
/// for that API's audience and nothing beyond its scopes.</summary>
public sealed class ApiScopeTests
{
    [Fact]
    public async Task AScopeNamedWithAColonIsDeclaredByNameAndItsTokensCarryItsAudience()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:OpenIdProvider:ApiScopes:orders-read:Name"] = "orders:read",
            ["Daemun:OpenIdProvider:ApiScopes:orders-read:Audience"] = "orders-api",
            ["Daemun:OpenIdProvider:Clients:batch:Type"] = "machine",
            ["Daemun:OpenIdProvider:Clients:batch:ClientSecret"] = "batch-secret-0123456789",
            ["Daemun:OpenIdProvider:Clients:batch:Scopes:0"] = "orders:read",
        });
        var batch = new OidcTestClient(site, "batch", "batch-secret-0123456789", "");

        var (status, body) = await batch.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "orders:read" });
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        var token = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal(["orders-api"], token.Audiences.ToArray());
        Assert.Equal("batch", token.Subject);

        var (refused, error) = await batch.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "daemun:manage" });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains(error.GetProperty("error").GetString(), new[] { "invalid_scope", "invalid_request" }); // OpenIddict answers invalid_request
        Assert.False(error.TryGetProperty("access_token", out _));
    }
}
