using System.Net;
using System.Text;
using System.Text.Json;
using Daemun.Tests.Infrastructure;
using Daemun.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary>Relying-party conformance: Daemun's generic <c>Type=oidc</c> provider against the OpenID-certified <c>oidc-provider</c> (PKCE
/// required, rotating refresh tokens, RFC 9207 <c>iss</c>), started by the tests themselves (<see cref="OidcProviderPeer"/>).</summary>
[Collection(OidcProviderPeerCollection.Name)]
public sealed class OidcConformanceTests(OidcProviderPeer peer)
{
    [Theory]
    [InlineData("client_secret_basic")]
    [InlineData("client_secret_post")]
    public async Task SignInCompletesWithPkceNonceAndAValidatedIdToken(string authMethod)
    {
        await using var s = await OidcPeerSite.StartAsync(peer, registeredAuthMethod: authMethod, configuredAuthMethod: authMethod);
        using var browser = s.Site.NewBrowser();

        var authorize = await browser.StartAsync(OidcPeerSite.Provider, callbackUrl: "/home");
        var callback = await peer.FollowToCallbackAsync(browser, authorize, s.Site.BaseUrl);
        using var response = await browser.GetAsync(callback);

        AssertSignedIn(s, response);
        Assert.Equal("/home", response.Headers.Location!.ToString());
        Assert.Equal("S256", PendingCallback.Query(authorize, "code_challenge_method"));
        Assert.False(string.IsNullOrEmpty(PendingCallback.Query(authorize, "code_challenge")));
        Assert.Equal(peer.Issuer, PendingCallback.Query(callback, "iss")); // the peer sends RFC 9207's iss
        var user = (await browser.SessionAsync()).GetProperty("user");
        Assert.Equal("김민준", user.GetProperty("name").GetString());
        Assert.Equal("minjun.kim@example.com", user.GetProperty("email").GetString());
        Assert.Equal(1, s.Site.Count("accounts", "provider = 'peer' AND provider_account_id = 'kim'"));
        Assert.Equal(1, s.Site.Count("sessions"));

        var tokens = await s.Site.StoredTokensAsync(user.GetProperty("id").GetString()!, OidcPeerSite.Provider);
        var idToken = Payload(tokens.IdToken!);
        Assert.Equal(PendingCallback.Query(authorize, "nonce"), idToken.GetProperty("nonce").GetString());
        Assert.Equal(s.Client.ClientId, idToken.GetProperty("aud").GetString());
        Assert.Equal(peer.Issuer, idToken.GetProperty("iss").GetString());
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken)); // offline_access was granted
        Assert.Equal(["authorization_code 200"], await peer.TokenRequestsAsync(s.Client));
    }

    [Theory]
    [InlineData("client_secret_basic", "client_secret_post")]
    [InlineData("client_secret_post", "client_secret_basic")]
    public async Task AClientAuthenticationOtherThanTheRegisteredOneIsRefusedByThePeer(string registered, string configured)
    {
        await using var s = await OidcPeerSite.StartAsync(peer, registeredAuthMethod: registered, configuredAuthMethod: configured);
        using var browser = s.Site.NewBrowser();

        var callback = await peer.FollowToCallbackAsync(browser, await browser.StartAsync(OidcPeerSite.Provider), s.Site.BaseUrl);
        using var response = await browser.GetAsync(callback);

        // the peer really checks the method, so the sign-ins above prove each method was used as registered
        Assert.Equal("TokenRequestFailed", TestBrowser.ErrorCodeOf(response));
        Assert.Equal(["authorization_code 401"], await peer.TokenRequestsAsync(s.Client));
        Assert.Equal(0, s.Site.Count("sessions"));
    }

    [Fact]
    public async Task ASignInWithoutPkceIsRefusedByThePeer()
    {
        await using var s = await OidcPeerSite.StartAsync(peer, settings: new Dictionary<string, string?> { ["UsePkce"] = "false" });
        using var browser = s.Site.NewBrowser();

        var callback = await peer.FollowToCallbackAsync(browser, await browser.StartAsync(OidcPeerSite.Provider), s.Site.BaseUrl);
        using var response = await browser.GetAsync(callback);

        Assert.Equal("invalid_request", PendingCallback.Query(callback, "error"));
        Assert.Equal("OAuthCallbackError", TestBrowser.ErrorCodeOf(response));
        Assert.Empty(await peer.TokenRequestsAsync(s.Client));
    }

    [Fact]
    public async Task RefreshAfterTheAccessTokenExpiresStoresTheRotatedRefreshTokenAndThePeerRefusesTheOldOne()
    {
        await using var s = await OidcPeerSite.StartAsync(peer);
        using var browser = s.Site.NewBrowser();
        using (var signedIn = await browser.GetAsync(await peer.FollowToCallbackAsync(browser, await browser.StartAsync(OidcPeerSite.Provider), s.Site.BaseUrl)))
        {
            AssertSignedIn(s, signedIn);
        }
        var userId = (await browser.SessionAsync()).GetProperty("user").GetProperty("id").GetString()!;
        var before = await s.Site.StoredTokensAsync(userId, OidcPeerSite.Provider);
        Assert.False(string.IsNullOrEmpty(before.RefreshToken));
        var service = s.Site.Server.App.Services.GetRequiredService<IProviderTokenService>();
        var unexpired = await service.GetAccessTokenAsync(userId, OidcPeerSite.Provider);
        Assert.Equal(before.AccessToken, unexpired.AccessToken); // still valid: no refresh yet

        s.Site.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1)); // the peer's access tokens live 300 s
        var result = await service.GetAccessTokenAsync(userId, OidcPeerSite.Provider);

        Assert.True(result.Status == AccessTokenStatus.Valid, $"{result.Status}\n{s.Site.Logs.All}\n{peer.Diagnostics}");
        Assert.NotEqual(before.AccessToken, result.AccessToken);
        var after = await s.Site.StoredTokensAsync(userId, OidcPeerSite.Provider);
        Assert.Equal(result.AccessToken, after.AccessToken);
        Assert.False(string.IsNullOrEmpty(after.RefreshToken));
        Assert.NotEqual(before.RefreshToken, after.RefreshToken); // rotated, and the new one is what is stored
        Assert.Equal(HttpStatusCode.OK, await peer.UserInfoStatusAsync(peer.Issuer, result.AccessToken!));
        Assert.Equal(["authorization_code 200", "refresh_token 200"], await peer.TokenRequestsAsync(s.Client));

        var (status, body) = await peer.RefreshAsync(s.Client, before.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ASignInAfterThePeerRotatesItsSigningKeyIsValidatedWithTheNewKey()
    {
        await using var s = await OidcPeerSite.StartAsync(peer);
        using (var first = s.Site.NewBrowser())
        {
            using var signedIn = await first.GetAsync(await peer.FollowToCallbackAsync(first, await first.StartAsync(OidcPeerSite.Provider), s.Site.BaseUrl));
            AssertSignedIn(s, signedIn);
        }
        var userId = (string)s.Site.Scalar("SELECT user_id FROM accounts WHERE provider = 'peer'")!;
        var oldKid = Header((await s.Site.StoredTokensAsync(userId, OidcPeerSite.Provider)).IdToken!).GetProperty("kid").GetString();

        var newKid = await peer.RotateKeysAsync(peer.Issuer);
        Assert.NotEqual(oldKid, newKid);
        Assert.Contains(newKid, await peer.PublishedKidsAsync(peer.Issuer));
        s.Site.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1)); // past any JWKS refetch throttle; well inside the keys' cache lifetime
        using var second = s.Site.NewBrowser();
        using var response = await second.GetAsync(await peer.FollowToCallbackAsync(second, await second.StartAsync(OidcPeerSite.Provider), s.Site.BaseUrl));

        AssertSignedIn(s, response);
        Assert.Equal(userId, (await second.SessionAsync()).GetProperty("user").GetProperty("id").GetString());
        var stored = await s.Site.StoredTokensAsync(userId, OidcPeerSite.Provider);
        Assert.Equal(newKid, Header(stored.IdToken!).GetProperty("kid").GetString()); // signed with a key Daemun had not fetched before
    }

    private void AssertSignedIn(OidcPeerSite s, HttpResponseMessage callback) =>
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect && TestBrowser.ErrorCodeOf(callback) is null,
            $"sign-in failed: {(int)callback.StatusCode} {callback.Headers.Location}\n{s.Site.Logs.All}\n{peer.Diagnostics}");

    private static JsonElement Header(string jwt) => Part(jwt, 0);

    private static JsonElement Payload(string jwt) => Part(jwt, 1);

    private static JsonElement Part(string jwt, int index)
    {
        var part = jwt.Split('.')[index].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part))).RootElement.Clone();
    }
}
