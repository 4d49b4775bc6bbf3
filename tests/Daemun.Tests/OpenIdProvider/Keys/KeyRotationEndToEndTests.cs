using System.Text.Json;
using Daemun.OpenIdProvider.Keys;
using Daemun.Providers;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Daemun.Tests.OpenIdProvider.Keys;

/// <summary>The keys through the real server over HTTP: the JWKS named by discovery serves the signing key, then during a rotation the next
/// and the previous one; an id_token issued before a rotation still verifies against the JWKS after it, until its key retires, and a refresh token from before is still
/// accepted. In
/// Production, with no key configured, the keys are generated (never a development certificate).</summary>
public sealed class KeyRotationEndToEndTests
{
    private const string RedirectUri = "http://127.0.0.1:5999/signin-oidc";
    private const string ClientId = "keys-app";
    private const string ClientSecret = "keys-app-secret-0123456789";

    private static Dictionary<string, string?> Client(Dictionary<string, string?>? settings = null) => new(settings ?? [])
    {
        [$"Daemun:OpenIdProvider:Clients:{ClientId}:Type"] = "web",
        [$"Daemun:OpenIdProvider:Clients:{ClientId}:ClientSecret"] = ClientSecret,
        [$"Daemun:OpenIdProvider:Clients:{ClientId}:RedirectUris:0"] = RedirectUri,
        [$"Daemun:OpenIdProvider:Clients:{ClientId}:Scopes:0"] = "openid",
        [$"Daemun:OpenIdProvider:Clients:{ClientId}:Scopes:1"] = "offline_access",
        [$"Daemun:OpenIdProvider:Clients:{ClientId}:FirstParty"] = "true",
    };

    [Fact]
    public async Task TheJwksFollowsARotationAndAnIdTokenIssuedBeforeItStillVerifiesUntilItsKeyRetires()
    {
        await using var site = await TestSite.StartAsync(Client());
        var app = new OidcTestClient(site, ClientId, ClientSecret, RedirectUri);
        var ring = site.Server.App.Services.GetRequiredService<OpenIdKeyRing>();
        using var http = new HttpClient();
        var discovery = JsonDocument.Parse(await http.GetStringAsync(site.BaseUrl + "/.well-known/openid-configuration")).RootElement;
        var jwksUri = discovery.GetProperty("jwks_uri").GetString()!;
        var issuer = discovery.GetProperty("issuer").GetString()!;
        Assert.Equal(site.BaseUrl + "/oidc/jwks", jwksUri);

        // the one signing key of the store, public half only
        var first = (string)site.Scalar("SELECT id FROM oidc_keys WHERE use = 'sig'")!;
        var jwks = await JwksAsync(http, jwksUri);
        var key = Assert.Single(jwks.Keys);
        Assert.Equal((first, "RSA", "RS256", "sig"), (key.Kid, key.Kty, key.Alg, key.Use));
        Assert.False(key.HasPrivateKey);
        Assert.DoesNotContain("\"d\"", await http.GetStringAsync(jwksUri), StringComparison.Ordinal);
        Assert.Equal(["RS256"], discovery.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));

        // an id_token just before the rotation is due
        site.Clock.Advance(TimeSpan.FromDays(90) - TimeSpan.FromMinutes(3));
        var (before, refreshToken) = await SignInAsync(site, app);
        Assert.Equal(first, before.Kid);
        Assert.True(await VerifiesAsync(before, jwks, issuer));

        // rotation: the next key is in the JWKS at once, the current one still signs
        site.Clock.Advance(TimeSpan.FromMinutes(4));
        await ring.RefreshAsync(CancellationToken.None);
        jwks = await JwksAsync(http, jwksUri);
        var next = Assert.Single(jwks.Keys, k => k.Kid != first).Kid;
        Assert.Equal([first, next], jwks.Keys.Select(k => k.Kid));
        Assert.True(before.ValidTo > site.Clock.GetUtcNow().UtcDateTime); // still valid, and still verifiable
        Assert.True(await VerifiesAsync(before, jwks, issuer));
        Assert.Equal(first, (await SignInAsync(site, app)).IdToken.Kid);

        // a day later the next key signs; the previous one is still published
        site.Clock.Advance(TimeSpan.FromDays(1));
        var (after, _) = await SignInAsync(site, app);
        Assert.Equal(next, after.Kid);

        // a refresh token the previous key signed is still accepted, and what it gets is signed with the new key
        var (status, refreshed) = await app.RefreshAsync(refreshToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal(next, new JsonWebToken(refreshed.GetProperty("id_token").GetString()).Kid);
        Assert.Equal(next, new JsonWebToken(refreshed.GetProperty("access_token").GetString()).Kid);
        await ring.RefreshAsync(CancellationToken.None);
        jwks = await JwksAsync(http, jwksUri);
        Assert.Equal([next, first], jwks.Keys.Select(k => k.Kid));
        Assert.True(await VerifiesAsync(after, jwks, issuer));
        Assert.True(await VerifiesAsync(before, jwks, issuer));

        // once every token the previous key signed has expired, it is gone: what it signed no longer verifies
        site.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(5));
        await ring.RefreshAsync(CancellationToken.None);
        jwks = await JwksAsync(http, jwksUri);
        Assert.Equal([next], jwks.Keys.Select(k => k.Kid));
        Assert.False(await VerifiesAsync(before, jwks, issuer));
        Assert.True(await VerifiesAsync(after, jwks, issuer));
        Assert.Equal(0L, site.Count("oidc_keys", $"id = '{first}'"));
    }

    [Fact]
    public async Task InProductionWithoutAConfiguredKeyTheKeysAreGeneratedAndNoDevelopmentCertificateIsUsed()
    {
        await using var env = await EmulatedSite.StartAsync(e => EmulatedSite.NaverAt(e, e.Client("naver").ClientId, e.Client("naver").ClientSecret,
            Client(new() { ["AllowedHosts"] = "127.0.0.1", ["Daemun:OpenIdProvider:Keys:Algorithm"] = "ES256" })), environment: "Production");
        var services = env.Site.Server.App.Services;
        var ring = services.GetRequiredService<OpenIdKeyRing>();
        var options = services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;

        var signing = Assert.Single(options.SigningCredentials);
        Assert.Equal(ring.Signer.Id, signing.Key.KeyId);
        Assert.IsType<ECDsaSecurityKey>(signing.Key);
        Assert.Equal("ES256", signing.Algorithm);
        Assert.IsNotType<X509SecurityKey>(Assert.Single(options.EncryptionCredentials).Key);
        Assert.Equal(3L, env.Site.Count("oidc_keys"));
        Assert.Equal(1L, env.Site.Count("oidc_keys", $"use = 'sig' AND algorithm = 'ES256' AND id = '{ring.Signer.Id}'"));
        Assert.Contains($"OpenID Provider key {ring.Signer.Id} created (sig, ES256)", env.Site.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownAlgorithmStopsStartUpNamingTheKey()
    {
        var failure = await Assert.ThrowsAsync<DaemunConfigurationException>(() =>
            TestSite.StartAsync(Client(new() { ["Daemun:OpenIdProvider:Keys:Algorithm"] = "none" }), builtIns: false));

        Assert.Equal("Daemun:OpenIdProvider:Keys:Algorithm", failure.Key);
        Assert.Contains("must be RS256 or ES256 (got 'none')", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonWebKeySet> JwksAsync(HttpClient http, string uri) => new(await http.GetStringAsync(uri));

    private static async Task<(JsonWebToken IdToken, string RefreshToken)> SignInAsync(TestSite site, OidcTestClient app)
    {
        using var browser = site.NewBrowser();
        var tokens = await app.SignInAsync(browser, "openid offline_access");
        return (new JsonWebToken(tokens.GetProperty("id_token").GetString()), tokens.GetProperty("refresh_token").GetString()!);
    }

    /// <summary>True when the token's signature verifies against the JWKS (issuer and audience checked; lifetime left to the test's clock).</summary>
    private static async Task<bool> VerifiesAsync(JsonWebToken token, JsonWebKeySet jwks, string issuer)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token.EncodedToken, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = ClientId,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateLifetime = false,
        });
        return result.IsValid;
    }
}
