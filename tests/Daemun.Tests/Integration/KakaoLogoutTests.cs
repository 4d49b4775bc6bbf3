using System.Net;
using Daemun.Emulator;
using Daemun.Storage;
using Daemun.Tests.Infrastructure;
using Daemun.Tokens;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary>Kakao logout as an option of sign-out (kakao.md §4): <c>LogoutOnSignOut</c> calls <c>/v1/user/logout</c> with the person's
/// access token after the local sign-out, which it never prevents; <c>BrowserLogoutOnSignOut</c> sends the browser through
/// <c>/oauth/logout</c> back to the callbackUrl.</summary>
public sealed class KakaoLogoutTests
{
    private static Dictionary<string, string?> Options(params (string Name, string Value)[] options) =>
        options.ToDictionary(o => $"Daemun:Providers:kakao:{o.Name}", o => (string?)o.Value);

    private static async Task<(TestBrowser Browser, string UserId)> SignedInWithKakaoAsync(TestSite site)
    {
        var browser = site.NewBrowser();
        using var response = await browser.SignInAsync("kakao", "kim");
        Assert.Null(TestBrowser.ErrorCodeOf(response));
        return (browser, (string)site.Scalar("SELECT id FROM users")!);
    }

    private static async Task<ProviderTokens> TokensAsync(TestSite site, string userId) =>
        (await site.Server.App.Services.GetRequiredService<IUserStore>().FindAccountOfUserAsync(userId, "kakao", default))!.Tokens;

    private static async Task<HttpResponseMessage> SignOutAsync(TestBrowser browser, string callbackUrl = "/bye") =>
        await browser.PostFormAsync("/api/auth/signout", new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync(), ["callbackUrl"] = callbackUrl });

    private static IEnumerable<RecordedRequest> Calls(TestSite site, EmulatorEndpoint endpoint) =>
        site.Emulator.Requests.Where(r => r.Provider == "kakao" && r.Endpoint == endpoint);

    private static async Task<HttpStatusCode> TokenInfoStatusAsync(TestSite site, string accessToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{site.Emulator.BaseAddress}/kakao/v1/user/access_token_info");
        request.Headers.Authorization = new("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> RefreshStatusAsync(TestSite site, string refreshToken)
    {
        using var response = await site.Emulator.RefreshAsync("kakao", refreshToken);
        return response.StatusCode;
    }

    private static async Task AssertSignedOutAsync(TestSite site, TestBrowser browser)
    {
        Assert.Equal(0, site.Count("sessions"));
        Assert.False((await browser.SessionAsync()).TryGetProperty("user", out _));
    }

    [Fact]
    public async Task LogoutOnSignOutCallsKakaoLogoutWithTheBearerTokenAndTheTokensAreDeadAfterwards()
    {
        await using var site = await TestSite.StartAsync(Options(("LogoutOnSignOut", "true")));
        var (browser, userId) = await SignedInWithKakaoAsync(site);
        using var _ = browser;
        var tokens = await TokensAsync(site, userId);
        Assert.Equal(HttpStatusCode.OK, await TokenInfoStatusAsync(site, tokens.AccessToken!)); // the control: alive before

        using var response = await SignOutAsync(browser);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/bye", response.Headers.Location!.ToString());
        var logout = Assert.Single(Calls(site, EmulatorEndpoint.Logout));
        Assert.Equal("POST", logout.Method);
        Assert.Equal($"Bearer {tokens.AccessToken}", logout.Headers["Authorization"]);
        await AssertSignedOutAsync(site, browser);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenInfoStatusAsync(site, tokens.AccessToken!));
        Assert.NotEqual(HttpStatusCode.OK, await RefreshStatusAsync(site, tokens.RefreshToken!));
        var result = await site.Server.App.Services.GetRequiredService<IProviderTokenService>().GetAccessTokenAsync(userId, "kakao");
        Assert.Equal(AccessTokenStatus.ReauthorizationRequired, result.Status); // the app is not handed the dead token
        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains(tokens.AccessToken!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutTheOptionSignOutDoesNotCallKakao()
    {
        await using var site = await TestSite.StartAsync();
        var (browser, userId) = await SignedInWithKakaoAsync(site);
        using var _ = browser;
        var tokens = await TokensAsync(site, userId);

        using var response = await SignOutAsync(browser);

        Assert.Equal("/bye", response.Headers.Location!.ToString());
        Assert.Empty(Calls(site, EmulatorEndpoint.Logout));
        Assert.Empty(Calls(site, EmulatorEndpoint.BrowserLogout));
        await AssertSignedOutAsync(site, browser);
        Assert.Equal(HttpStatusCode.OK, await TokenInfoStatusAsync(site, tokens.AccessToken!));
    }

    [Theory]
    [InlineData(Fault.ServerError)]
    [InlineData(Fault.KakaoInvalidToken)]
    [InlineData(Fault.Timeout)]
    public async Task WhenKakaoLogoutFailsTheLocalSignOutStillHappens(Fault fault)
    {
        var settings = Options(("LogoutOnSignOut", "true"));
        settings["Daemun:ProviderTimeout"] = "00:00:02";
        await using var site = await TestSite.StartAsync(settings);
        var (browser, _) = await SignedInWithKakaoAsync(site);
        using var __ = browser;
        site.Emulator.Faults.Set("kakao", EmulatorEndpoint.Logout, fault);

        using var response = await SignOutAsync(browser);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/bye", response.Headers.Location!.ToString());
        Assert.Single(Calls(site, EmulatorEndpoint.Logout));
        await AssertSignedOutAsync(site, browser);
        Assert.Contains(site.Logs.Lines, l => l.Contains("out at kakao failed (signed out here all the same)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExpiredKakaoAccessTokenIsRefreshedBeforeTheLogout()
    {
        await using var site = await TestSite.StartAsync(Options(("LogoutOnSignOut", "true")));
        var (browser, userId) = await SignedInWithKakaoAsync(site);
        using var _ = browser;
        var expired = await TokensAsync(site, userId);
        site.Clock.Advance(TimeSpan.FromHours(7)); // Kakao access tokens live 6 hours; the session lives on

        using var response = await SignOutAsync(browser);

        Assert.Equal("/bye", response.Headers.Location!.ToString());
        Assert.Single(Calls(site, EmulatorEndpoint.Token), r => r.Form.GetValueOrDefault("grant_type") == "refresh_token");
        var logout = Assert.Single(Calls(site, EmulatorEndpoint.Logout));
        Assert.NotEqual($"Bearer {expired.AccessToken}", logout.Headers["Authorization"]);
        Assert.Contains(site.Logs.Lines, l => l.Contains("Logged user", StringComparison.Ordinal) && l.Contains("out at kakao", StringComparison.Ordinal));
        await AssertSignedOutAsync(site, browser);
    }

    [Fact]
    public async Task BrowserLogoutRedirectCarriesClientIdLogoutRedirectUriAndStateAndKakaoAcceptsIt()
    {
        await using var site = await TestSite.StartAsync(Options(("BrowserLogoutOnSignOut", "true")));
        var (browser, _) = await SignedInWithKakaoAsync(site);
        using var __ = browser;

        using var response = await SignOutAsync(browser, "/account?tab=1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await AssertSignedOutAsync(site, browser); // signed out here before the browser leaves
        var location = response.Headers.Location!;
        Assert.Equal($"{site.Emulator.BaseAddress}/kakao/oauth/logout", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(site.Emulator.Client("kakao").ClientId, query["client_id"].ToString());
        Assert.Equal($"{site.BaseUrl}/account?tab=1", query["logout_redirect_uri"].ToString()); // absolute
        var state = query["state"].ToString();
        Assert.True(state.Length >= 32, "state is a random value");

        using var atKakao = await browser.GetAsync(location.ToString());

        Assert.Equal(HttpStatusCode.Redirect, atKakao.StatusCode); // not a KOE101/KOE007 page
        Assert.Single(Calls(site, EmulatorEndpoint.BrowserLogout));
        var back = atKakao.Headers.Location!;
        Assert.Equal($"{site.BaseUrl}/account", back.GetLeftPart(UriPartial.Path));
        Assert.Equal(state, QueryHelpers.ParseQuery(back.Query)["state"].ToString());
    }

    [Fact]
    public async Task BrowserLogoutKeepsTheCallbackUrlValidation()
    {
        await using var site = await TestSite.StartAsync(Options(("BrowserLogoutOnSignOut", "true")));
        var (browser, _) = await SignedInWithKakaoAsync(site);
        using var __ = browser;

        using var response = await SignOutAsync(browser, "https://evil.example/steal");

        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal($"{site.BaseUrl}/", query["logout_redirect_uri"].ToString());
    }

    [Fact]
    public async Task BrowserLogoutIsOnlyForPeopleLinkedToKakao()
    {
        await using var site = await TestSite.StartAsync(Options(("BrowserLogoutOnSignOut", "true"), ("LogoutOnSignOut", "true")));
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();

        using var response = await SignOutAsync(browser);

        Assert.Equal("/bye", response.Headers.Location!.ToString());
        Assert.Empty(Calls(site, EmulatorEndpoint.Logout));
        await AssertSignedOutAsync(site, browser);
    }

    [Theory]
    [InlineData("LogoutOnSignOut")]
    [InlineData("BrowserLogoutOnSignOut")]
    public async Task AnUnparsableLogoutOptionStopsStartUpNamingTheKey(string option)
    {
        await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { KeyCache = TestSite.Keys });
        var failure = await Assert.ThrowsAsync<Daemun.Providers.DaemunConfigurationException>(() => TestSite.StartAsync(Options((option, "yes")), emulator: emulator));

        Assert.Equal($"Daemun:Providers:kakao:{option}", failure.Key);
    }
}
