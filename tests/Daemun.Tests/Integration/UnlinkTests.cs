using System.Net;
using Daemun.Emulator;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>Disconnecting a provider and deleting a user unlink at the provider (Naver revoke / legacy delete, Kakao /v1/user/unlink)
/// and really kill the provider's tokens.</summary>
public sealed class UnlinkTests
{
    /// <summary>A person signed in with Naver who then linked Kakao in the same browser.</summary>
    private static async Task<(TestBrowser Browser, string UserId)> NaverAndKakaoAsync(TestSite site)
    {
        var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();
        using var linked = await browser.LinkAsync("kakao", "kim");
        Assert.Null(TestBrowser.ErrorCodeOf(linked));
        Assert.Equal(2, site.Count("accounts"));
        return (browser, (string)site.Scalar("SELECT id FROM users")!);
    }

    private static async Task<HttpResponseMessage> PostAsync(TestBrowser browser, string path, string? csrf = null, string callbackUrl = "/account") =>
        await browser.PostFormAsync(path, new Dictionary<string, string> { ["csrfToken"] = csrf ?? await browser.CsrfAsync(), ["callbackUrl"] = callbackUrl });

    private static IEnumerable<RecordedRequest> Calls(TestSite site, string provider, EmulatorEndpoint endpoint) =>
        site.Emulator.Requests.Where(r => r.Provider == provider && r.Endpoint == endpoint);

    [Fact]
    public async Task DisconnectingNaverRevokesAtNaverThenRemovesTheLinkAndItsTokens()
    {
        await using var site = await TestSite.StartAsync();
        var (browser, userId) = await NaverAndKakaoAsync(site);
        using var _ = browser;
        var naver = await site.StoredTokensAsync(userId, "naver");

        using var response = await PostAsync(browser, "/api/auth/account/unlink/naver");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account", response.Headers.Location!.ToString());
        var revoke = Assert.Single(Calls(site, "naver", EmulatorEndpoint.Revoke));
        Assert.Equal(naver.AccessToken, revoke.Form["token"]);
        Assert.Equal(site.Emulator.Client("naver").ClientSecret, revoke.Form["client_secret"]);
        Assert.Equal(0, site.Count("accounts", "provider = 'naver'"));
        Assert.Equal(1, site.Count("accounts", "provider = 'kakao'"));
        Assert.Equal(HttpStatusCode.Unauthorized, await site.Emulator.ProfileStatusAsync("naver", naver.AccessToken!)); // really dead at Naver
        Assert.Equal("김민준", (await browser.SessionAsync()).GetProperty("user").GetProperty("name").GetString()); // still signed in
    }

    [Fact]
    public async Task AnExpiredNaverAccessTokenIsRefreshedBeforeTheUnlinkBecauseAnExpiredTokenCannotUnlink()
    {
        await using var site = await TestSite.StartAsync();
        var (browser, userId) = await NaverAndKakaoAsync(site);
        using var _ = browser;
        var expired = await site.StoredTokensAsync(userId, "naver");
        site.Clock.Advance(TimeSpan.FromHours(2));
        var csrf = await browser.CsrfAsync();

        using var response = await PostAsync(browser, "/api/auth/account/unlink/naver", csrf);

        Assert.Null(TestBrowser.ErrorCodeOf(response));
        var token = Calls(site, "naver", EmulatorEndpoint.Token).Last();
        Assert.Equal("refresh_token", token.Form["grant_type"]);
        var revoke = Assert.Single(Calls(site, "naver", EmulatorEndpoint.Revoke));
        Assert.True(revoke.Time >= token.Time);
        Assert.NotEqual(expired.AccessToken, revoke.Form["token"]); // the refreshed token, not the expired one
        Assert.Equal(HttpStatusCode.Unauthorized, await site.Emulator.ProfileStatusAsync("naver", revoke.Form["token"]));
        Assert.Contains("\"error\"", await (await site.Emulator.RefreshAsync("naver", expired.RefreshToken!)).Content.ReadAsStringAsync(), StringComparison.Ordinal); // the pair is dead at Naver
        Assert.Equal(0, site.Count("accounts", "provider = 'naver'"));
    }

    [Fact]
    public async Task WhenRevocationFailsNaverFallsBackToTheLegacyDeleteWhenConfigured()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Providers:naver:LegacyDeleteFallback"] = "true" });
        var (browser, userId) = await NaverAndKakaoAsync(site);
        using var _ = browser;
        var naver = await site.StoredTokensAsync(userId, "naver");
        site.Emulator.Faults.Set("naver", EmulatorEndpoint.Revoke, Fault.ServerError);

        using var response = await PostAsync(browser, "/api/auth/account/unlink/naver");

        Assert.Null(TestBrowser.ErrorCodeOf(response));
        var delete = Calls(site, "naver", EmulatorEndpoint.Token).Last();
        Assert.Equal("delete", delete.Form["grant_type"]);
        Assert.Equal(naver.AccessToken, delete.Form["access_token"]);
        Assert.Equal("NAVER", delete.Form["service_provider"]);
        Assert.Equal(HttpStatusCode.Unauthorized, await site.Emulator.ProfileStatusAsync("naver", naver.AccessToken!));
        Assert.Equal(0, site.Count("accounts", "provider = 'naver'"));
    }

    [Fact]
    public async Task WithoutTheFallbackAFailedRevocationKeepsTheLinkAndSaysTheProviderIsUnavailable()
    {
        await using var site = await TestSite.StartAsync();
        var (browser, userId) = await NaverAndKakaoAsync(site);
        using var _ = browser;
        site.Emulator.Faults.Set("naver", EmulatorEndpoint.Revoke, Fault.ServerError);

        using var response = await PostAsync(browser, "/api/auth/account/unlink/naver");

        Assert.Equal("/api/auth/account?error=ProviderUnavailable", response.Headers.Location!.ToString());
        Assert.Equal(1, site.Count("accounts", "provider = 'naver'"));
        Assert.DoesNotContain(Calls(site, "naver", EmulatorEndpoint.Token), r => r.Form.GetValueOrDefault("grant_type") == "delete");
    }

    [Fact]
    public async Task DisconnectingKakaoCallsItsUnlinkApiAndBothTokensDie()
    {
        await using var site = await TestSite.StartAsync();
        var (browser, userId) = await NaverAndKakaoAsync(site);
        using var _ = browser;
        var kakao = await site.StoredTokensAsync(userId, "kakao");

        using var response = await PostAsync(browser, "/api/auth/account/unlink/kakao");

        Assert.Null(TestBrowser.ErrorCodeOf(response));
        var unlink = Assert.Single(Calls(site, "kakao", EmulatorEndpoint.Unlink));
        Assert.Equal("Bearer " + kakao.AccessToken, unlink.Headers["Authorization"]);
        Assert.Equal(HttpStatusCode.Unauthorized, await site.Emulator.ProfileStatusAsync("kakao", kakao.AccessToken!));
        using var refresh = await site.Emulator.RefreshAsync("kakao", kakao.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Contains("KOE322", await refresh.Content.ReadAsStringAsync());
        Assert.Equal(0, site.Count("accounts", "provider = 'kakao'"));
    }

    [Fact]
    public async Task TheOnlyWayToSignInCannotBeDisconnected()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();

        using var response = await PostAsync(browser, "/api/auth/account/unlink/naver");

        // back on the account page, which explains why (its rendering: AccountPageTests)
        Assert.Equal("/api/auth/account?error=LastAccount", response.Headers.Location!.ToString());
        Assert.Empty(Calls(site, "naver", EmulatorEndpoint.Revoke));
        Assert.Equal(1, site.Count("accounts"));
    }

    [Fact]
    public async Task UnlinkNeedsAValidCsrfTokenAndASignedInPerson()
    {
        await using var site = await TestSite.StartAsync();
        var (browser, _) = await NaverAndKakaoAsync(site);
        using var __ = browser;

        using (var forged = await browser.PostFormAsync("/api/auth/account/unlink/naver", new Dictionary<string, string> { ["csrfToken"] = "forged" }))
            Assert.Equal("MissingCsrf", TestBrowser.ErrorCodeOf(forged));
        using (var stranger = site.NewBrowser())
        using (var anonymous = await PostAsync(stranger, "/api/auth/account/unlink/naver"))
            Assert.Equal("SessionRequired", TestBrowser.ErrorCodeOf(anonymous));
        using (var unknown = await PostAsync(browser, "/api/auth/account/unlink/google"))
            Assert.Equal("/api/auth/account?error=AccountNotLinked", unknown.Headers.Location!.ToString());

        Assert.Equal(2, site.Count("accounts"));
        Assert.Empty(Calls(site, "naver", EmulatorEndpoint.Revoke));
    }

    [Fact]
    public async Task DeletingTheUserUnlinksEveryProviderThenRemovesUserAccountsAndSessions()
    {
        await using var site = await TestSite.StartAsync();
        var (browser, userId) = await NaverAndKakaoAsync(site);
        using var _ = browser;
        var naver = await site.StoredTokensAsync(userId, "naver");
        var kakao = await site.StoredTokensAsync(userId, "kakao");
        using (var other = site.NewBrowser()) (await other.SignInAsync("naver", "lee")).Dispose();

        using var response = await PostAsync(browser, "/api/auth/account/delete", callbackUrl: "/goodbye");

        Assert.Equal("/goodbye", response.Headers.Location!.ToString());
        Assert.Single(Calls(site, "naver", EmulatorEndpoint.Revoke));
        Assert.Single(Calls(site, "kakao", EmulatorEndpoint.Unlink));
        Assert.Equal(HttpStatusCode.Unauthorized, await site.Emulator.ProfileStatusAsync("naver", naver.AccessToken!));
        Assert.Equal(HttpStatusCode.Unauthorized, await site.Emulator.ProfileStatusAsync("kakao", kakao.AccessToken!));
        Assert.Equal(0, site.Count("users", $"id = '{userId}'"));
        Assert.Equal(0, site.Count("accounts", $"user_id = '{userId}'"));
        Assert.Equal(0, site.Count("sessions", $"user_id = '{userId}'"));
        Assert.Equal(1, site.Count("users")); // the other person is untouched
        Assert.Equal("{}", (await browser.SessionAsync()).GetRawText());
    }

    [Fact]
    public async Task WhenAProviderIsDownTheUserAndTheLinksNotYetUnlinkedStay()
    {
        await using var site = await TestSite.StartAsync();
        var (browser, userId) = await NaverAndKakaoAsync(site);
        using var _ = browser;
        site.Emulator.Faults.Set("kakao", EmulatorEndpoint.Unlink, Fault.ServiceUnavailable);

        using var response = await PostAsync(browser, "/api/auth/account/delete");

        Assert.Equal("/api/auth/account?error=ProviderUnavailable", response.Headers.Location!.ToString());
        Assert.Equal(1, site.Count("users", $"id = '{userId}'"));
        Assert.Equal(1, site.Count("accounts", "provider = 'kakao'"));
        Assert.Equal(1, site.Count("sessions", $"user_id = '{userId}'"));
    }
}
