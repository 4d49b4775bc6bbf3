using Daemun.Emulator;
using Daemun.Emulator.Catalog;
using Daemun.Providers;
using Daemun.Server;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Unit;

/// <summary>What the server tells the emulator of a catalog declaration, and how it points the declaration at the emulator.</summary>
public sealed class CatalogEmulationTests
{
    [Fact]
    public void TheEmulatorKeepsTheProvidersOwnPathsAndIsToldItsProtocolClientAuthenticationProfileRequestAndPkce()
    {
        var d = CatalogEmulation.Declaration(Discord.Defaults(), Discord.Id);

        Assert.Equal(("/oauth2/authorize", "/api/oauth2/token", "/api/users/@me", "/api/oauth2/token/revoke"),
            (d.AuthorizationPath, d.TokenPath, d.ProfilePath, d.RevocationPath));
        Assert.False(d.OpenIdConnect);
        Assert.Equal(CatalogClientAuthentication.Post, d.ClientAuthentication);
        Assert.Equal("GET", d.ProfileMethod);
        Assert.True(d.RequirePkce);
        Assert.Null(d.UnlinkPath);
    }

    [Fact]
    public void ADeclarationsClientAuthenticationProfileMethodAndTokenParameterArePassedOn()
    {
        var p = Discord.Defaults();
        p.ClientAuthentication = ClientAuthentication.ClientSecretBasic;
        p.Profile = new ProfileRequest { Method = "POST", TokenQueryParameter = "oauth_token" };
        p.UsePkce = false;
        p.Kind = ProviderKind.Oidc;

        var d = CatalogEmulation.Declaration(p, Discord.Id);

        Assert.Equal(CatalogClientAuthentication.Basic, d.ClientAuthentication);
        Assert.Equal(("POST", "oauth_token"), (d.ProfileMethod, d.ProfileTokenParameter));
        Assert.False(d.RequirePkce);
        Assert.True(d.OpenIdConnect);
        p.ClientAuthentication = ClientAuthentication.None;
        Assert.Equal(CatalogClientAuthentication.None, CatalogEmulation.Declaration(p, Discord.Id).ClientAuthentication);
    }

    [Fact]
    public void ADeclarationWithSettingsInItsUrlsOrTwoEndpointsOnOnePathGetsTheEmulatorsPlainPaths()
    {
        var templated = Discord.Defaults();
        templated.Parameters = [new("Domain", "The tenant's domain.", "example.eu.auth0.com")];
        templated.AuthorizationEndpoint = "https://{Domain}/authorize";
        var sharedPath = Discord.Defaults();
        sharedPath.UserInfoEndpoint = "https://api.discord.com/api/oauth2/token";

        foreach (var d in new[] { CatalogEmulation.Declaration(templated, Discord.Id), CatalogEmulation.Declaration(sharedPath, Discord.Id) })
        {
            Assert.Equal(("/authorize", "/token", "/profile", "/revoke"), (d.AuthorizationPath, d.TokenPath, d.ProfilePath, d.RevocationPath));
        }
    }

    [Fact]
    public async Task ApplyingPointsEveryEndpointAtTheEmulatorWithItsAppAndLeavesNoSettingUnfilled()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { KeyCache = TestSite.Keys });
        var p = Discord.Defaults();
        p.Parameters = [new("Domain", "The tenant's domain.", "example.eu.auth0.com")];
        p.AuthorizationEndpoint = "https://{Domain}/authorize";
        p.LogoutEndpoint = "https://{Domain}/v2/logout";
        p.UnlinkEndpoint = "https://{Domain}/unlink";

        CatalogEmulation.Apply(emulator, p, Discord.Id);

        var root = emulator.BaseAddress + "/discord";
        Assert.Equal((root + "/authorize", root + "/token", root + "/profile", root + "/revoke", root + "/unlink"),
            (p.AuthorizationEndpoint, p.TokenEndpoint, p.UserInfoEndpoint, p.RevocationEndpoint, p.UnlinkEndpoint));
        Assert.StartsWith(root + "/", p.LogoutEndpoint, StringComparison.Ordinal);
        Assert.Equal((emulator.Client("discord").ClientId, emulator.Client("discord").ClientSecret), (p.ClientId, p.ClientSecret));
        Assert.True(p.IsEmulated);
    }

    [Fact]
    public async Task AnOpenIdConnectDeclarationIsFoundByDiscoveryAtTheEmulatorsIssuer()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { KeyCache = TestSite.Keys });
        var p = Discord.Defaults();
        p.Kind = ProviderKind.Oidc;
        p.Issuer = "https://discord.com";
        p.JwksUri = "https://discord.com/api/oauth2/keys";

        CatalogEmulation.Apply(emulator, p, Discord.Id);

        Assert.Equal(emulator.BaseAddress + "/discord", p.Issuer);
        Assert.Equal((null, null, null), (p.AuthorizationEndpoint, p.TokenEndpoint, p.JwksUri));
        Assert.Equal(emulator.BaseAddress + "/discord/api/users/@me", p.UserInfoEndpoint);
        Assert.Equal(emulator.BaseAddress + "/discord/api/oauth2/token/revoke", p.RevocationEndpoint);
    }
}
