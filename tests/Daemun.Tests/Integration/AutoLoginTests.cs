using System.Net;
using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Localization;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Tests.Integration;

/// <summary>Naver app autologin (naver.md §1): inside the Naver app the sign-in page starts Naver's sign-in with <c>auth_type=autologin</c>
/// at once; when Naver cannot (not logged in, consent needed, unsupported browser) the person gets the normal page, silently.</summary>
public sealed class AutoLoginTests
{
    private const string NaverApp = "Mozilla/5.0 (iPhone; CPU iPhone OS like Mac OS X) AppleWebKit/605.1.15 NAVER(inapp; search; 620; 10.10.2; XR)";
    private const string Safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

    private static Task<HttpResponseMessage> GetAsync(TestBrowser browser, string path, string userAgent, string accept = "text/html")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, browser.Url(path));
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.Accept.ParseAdd(accept);
        return browser.SendAsync(request);
    }

    private static string Param(string url, string name) => QueryHelpers.ParseQuery(new Uri(url).Query)[name].ToString();

    /// <summary>The person is logged in at Naver and consented to the app once (the emulator remembers both), but is signed out here.</summary>
    private static async Task LogInAtNaverAsync(TestSite site, TestBrowser browser)
    {
        (await browser.SignInAsync("naver", "kim")).Dispose();
        (await browser.PostFormAsync("/api/auth/signout", new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync() })).Dispose();
        Assert.Equal(0, site.Count("sessions"));
    }

    private static async Task AssertSignInPageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-provider=\"naver\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("signin-notice", html, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"alert\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InTheNaverAppAProtectedPageSignsInWithoutAClickAndComesBack()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        await LogInAtNaverAsync(site, browser);

        using var protectedPage = await GetAsync(browser, "/me", NaverApp);
        Assert.Equal("/api/auth/signin?callbackUrl=%2Fme", protectedPage.Headers.Location!.ToString());
        using var signin = await GetAsync(browser, protectedPage.Headers.Location!.ToString(), NaverApp);

        Assert.Equal(HttpStatusCode.Redirect, signin.StatusCode);
        var authorize = signin.Headers.Location!.ToString();
        Assert.Equal($"{site.Emulator.BaseAddress}/naver/oauth2.0/authorize", authorize[..authorize.IndexOf('?', StringComparison.Ordinal)]);
        Assert.Equal("autologin", Param(authorize, "auth_type"));
        Assert.False(string.IsNullOrEmpty(Param(authorize, "state")));
        Assert.Equal(1, site.Count("sign_in_requests"));
        using var answer = await GetAsync(browser, authorize, NaverApp); // no page at Naver: a code at once
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith($"{site.BaseUrl}/api/auth/callback/naver?", answer.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Param(answer.Headers.Location!.ToString(), "code")));
        using var callback = await browser.GetAsync(answer.Headers.Location!.ToString());
        Assert.Equal("/me", callback.Headers.Location!.ToString());
        using var me = await GetAsync(browser, "/me", NaverApp, "application/json");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(1, site.Count("sessions"));
    }

    [Fact]
    public async Task TheAutomaticStartIsBoundToTheBrowserThatOpenedThePage()
    {
        await using var site = await TestSite.StartAsync();
        using var victim = site.NewBrowser();
        using var attacker = site.NewBrowser();

        using var signin = await GetAsync(attacker, "/api/auth/signin?callbackUrl=%2Fme", NaverApp);
        var callbackUrl = await attacker.ConsentAsync(signin.Headers.Location!.ToString(), "kim");
        using var response = await victim.GetAsync(callbackUrl);

        Assert.NotNull(TestBrowser.ErrorCodeOf(response));
        Assert.Equal(0, site.Count("sessions"));
    }

    [Fact]
    public async Task AnOrdinaryBrowserGetsTheSignInPage()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        using var page = await GetAsync(browser, "/api/auth/signin?callbackUrl=%2Fme", Safari);

        await AssertSignInPageAsync(page);
        Assert.Equal(0, site.Emulator.CountRequests("naver", EmulatorEndpoint.Authorize));
        Assert.Equal(0, site.Count("sign_in_requests"));
        var html = await page.Content.ReadAsStringAsync();
        var csrf = System.Text.RegularExpressions.Regex.Match(html, "name=\"csrfToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var pressed = await browser.PostFormAsync("/api/auth/signin/naver", [new("csrfToken", csrf), new("callbackUrl", "/me")]);
        using var callback = await browser.GetAsync(await browser.ConsentAsync(pressed.Headers.Location!.ToString(), "kim"));
        Assert.Equal("/me", callback.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task AnOffSiteCallbackUrlOnTheAutomaticStartLandsOnTheHomePage(string callbackUrl)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        await LogInAtNaverAsync(site, browser);

        using var signin = await GetAsync(browser, "/api/auth/signin?callbackUrl=" + Uri.EscapeDataString(callbackUrl), NaverApp);
        using var answer = await GetAsync(browser, signin.Headers.Location!.ToString(), NaverApp);
        using var callback = await browser.GetAsync(answer.Headers.Location!.ToString());

        Assert.Equal(site.BaseUrl + "/", callback.Headers.Location!.ToString());
        Assert.Equal(1, site.Count("sessions"));
    }

    [Fact]
    public async Task AutoLoginFalseInConfigurationShowsTheSignInPageInTheNaverApp()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Providers:naver:AutoLogin"] = "false" });
        using var browser = site.NewBrowser();

        using var page = await GetAsync(browser, "/api/auth/signin?callbackUrl=%2Fme", NaverApp);

        await AssertSignInPageAsync(page);
        Assert.Equal(0, site.Count("sign_in_requests"));
    }

    [Fact]
    public async Task AutoLoginTrueForAProviderWithoutAutologinStopsStartUpNamingTheKey()
    {
        var e = await Assert.ThrowsAsync<Daemun.Providers.DaemunConfigurationException>(() =>
            TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Providers:kakao:AutoLogin"] = "true" }));

        Assert.Equal("Daemun:Providers:kakao:AutoLogin", e.Key);
    }

    [Fact]
    public async Task WithoutANaverLoginTheEmulatorDeclinesAndThePageIsShown()
    {
        await using var site = await TestSite.StartAsync(); // no fault: the emulator itself answers "user not logged in."
        using var browser = site.NewBrowser();

        using var signin = await GetAsync(browser, "/api/auth/signin?callbackUrl=%2Fme", NaverApp);
        using var answer = await GetAsync(browser, signin.Headers.Location!.ToString(), NaverApp);
        Assert.Equal("user not logged in.", Param(answer.Headers.Location!.ToString(), "error_description"));
        using var callback = await browser.GetAsync(answer.Headers.Location!.ToString());

        Assert.Equal("/api/auth/signin?callbackUrl=%2Fme&autologin=off", callback.Headers.Location!.ToString());
        Assert.Equal(0, site.Count("sessions"));
    }

    [Theory]
    [InlineData("user not logged in.")]
    [InlineData("need user consent.")]
    [InlineData("unsupported browser environment.")]
    public async Task DeclinedAutoLoginFallsBackSilentlyToTheSignInPage(string description)
    {
        await using var site = await TestSite.StartAsync();
        site.Emulator.Faults.SetAuthorizeError("naver", "access_denied", description);
        using var browser = site.NewBrowser();
        var startUpLines = site.Logs.Lines.Count; // start-up warns that the providers are emulated

        using var signin = await GetAsync(browser, "/api/auth/signin?callbackUrl=%2Fme", NaverApp);
        var callbackUrl = await browser.ConsentAsync(signin.Headers.Location!.ToString(), "kim");
        using var callback = await browser.GetAsync(callbackUrl);
        var lines = site.Logs.Lines.Skip(startUpLines).ToList();

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/api/auth/signin?callbackUrl=%2Fme&autologin=off", callback.Headers.Location!.ToString());
        using var page = await GetAsync(browser, callback.Headers.Location!.ToString(), NaverApp);
        await AssertSignInPageAsync(page);
        Assert.Contains("name=\"callbackUrl\" value=\"/me\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, site.Emulator.CountRequests("naver", EmulatorEndpoint.Authorize)); // no loop
        Assert.Equal(0, site.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
        Assert.Equal(0, site.Count("sessions"));
        Assert.DoesNotContain(lines, l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains("Autologin with provider naver not possible", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACancellationOfAButtonStartedSignInStillShowsTheCancelNoticeInTheNaverApp()
    {
        await using var site = await TestSite.StartAsync();
        site.Emulator.Faults.SetAuthorizeError("naver", "access_denied", "Canceled By User");
        using var browser = site.NewBrowser();
        var authorize = await browser.StartAsync("naver", "/me");
        Assert.DoesNotContain("auth_type", authorize, StringComparison.Ordinal);

        using var callback = await browser.GetAsync(await browser.ConsentAsync(authorize, "kim"));

        Assert.Equal("/api/auth/signin?error=AccessDenied&callbackUrl=%2Fme", callback.Headers.Location!.ToString());
        using var page = await GetAsync(browser, callback.Headers.Location!.ToString(), NaverApp);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"id=\"signin-notice\">{new PageText("ko").Error(ErrorCode.AccessDenied)}</div>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, site.Emulator.CountRequests("naver", EmulatorEndpoint.Authorize)); // the error page does not start autologin
    }

    [Fact]
    public async Task AnotherProviderErrorOnAnAutoLoginAttemptIsStillAnError()
    {
        await using var site = await TestSite.StartAsync();
        site.Emulator.Faults.SetAuthorizeError("naver", "server_error", "oops");
        using var browser = site.NewBrowser();

        using var signin = await GetAsync(browser, "/api/auth/signin", NaverApp);
        using var callback = await browser.GetAsync(await browser.ConsentAsync(signin.Headers.Location!.ToString(), "kim"));

        Assert.Equal(nameof(ErrorCode.OAuthCallbackError), TestBrowser.ErrorCodeOf(callback));
    }
}
