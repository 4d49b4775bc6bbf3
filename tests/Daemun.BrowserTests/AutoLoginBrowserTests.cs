using Daemun.Emulator;
using Daemun.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Daemun.BrowserTests;

/// <summary>Inside the Naver app, sign-in starts at Naver without a click (auth_type=autologin); when Naver declines, the normal page, silently.</summary>
public sealed class AutoLoginBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string NaverApp = "Mozilla/5.0 (iPhone; CPU iPhone OS like Mac OS X) AppleWebKit/605.1.15 NAVER(inapp; search; 620; 10.10.2; XR)";

    private Task<IPage> NaverAppPageAsync() => NewPageAsync("ko-KR", new BrowserNewContextOptions { UserAgent = NaverApp, ViewportSize = new() { Width = 390, Height = 844 } });

    [Fact]
    public async Task InTheNaverAppAPersonLoggedInAtNaverIsSignedInWithoutAClick()
    {
        await using var site = await TestSite.StartAsync();
        var page = await NaverAppPageAsync();

        // the first time, the person is not logged in at Naver: Naver declines ("user not logged in."), the page shows its buttons
        await page.GotoAsync(site.BaseUrl + "/me");
        Assert.StartsWith(site.BaseUrl + "/api/auth/signin?", page.Url, StringComparison.Ordinal);
        Assert.Contains("autologin=off", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "네이버 로그인", Exact = true }).ClickAsync();
        await ConsentAsync(page, site, "김민준"); // logs in at Naver and agrees, once
        await page.WaitForURLAsync(site.BaseUrl + "/me");
        await page.GotoAsync(site.BaseUrl + "/");
        await page.Locator("#sign-out").ClickAsync();
        await page.WaitForSelectorAsync("#sign-in");
        Assert.Null(await SessionUserIdAsync(page, site));

        // from now on, opening a protected page in the Naver app signs in with no click and no page at Naver
        var shown = new List<string>();
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) lock (shown) shown.Add(frame.Url); };
        var attempts = site.Emulator.CountRequests("naver", EmulatorEndpoint.Authorize);
        await page.GotoAsync(site.BaseUrl + "/me");

        Assert.Equal(site.BaseUrl + "/me", page.Url);
        Assert.Equal(attempts + 1, site.Emulator.CountRequests("naver", EmulatorEndpoint.Authorize));
        Assert.Equal("autologin", site.Emulator.Requests.Last(r => r.Endpoint == EmulatorEndpoint.Authorize).Query["auth_type"]);
        Assert.DoesNotContain(shown, url => url.StartsWith(site.Emulator.BaseAddress, StringComparison.Ordinal));
        Assert.NotNull(await SessionUserIdAsync(page, site));
        Assert.Equal(1, site.Count("sessions"));
        Assert.Empty(OffMachine);
    }

    [Fact]
    public async Task WhenNaverNeedsConsentTheNormalSignInPageIsShownWithoutAnError()
    {
        await using var site = await TestSite.StartAsync();
        site.Emulator.Faults.SetAuthorizeError("naver", "access_denied", "need user consent.");
        var page = await NaverAppPageAsync();

        await page.GotoAsync(site.BaseUrl + "/me");

        Assert.Equal(1, site.Emulator.CountRequests("naver", EmulatorEndpoint.Authorize)); // it did try Naver first
        Assert.StartsWith(site.BaseUrl + "/api/auth/signin?", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "네이버 로그인", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#signin-notice")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        Assert.Null(await SessionUserIdAsync(page, site));

        // the button still works from here, and still comes back to /me
        site.Emulator.Faults.Clear();
        await page.GetByRole(AriaRole.Button, new() { Name = "네이버 로그인", Exact = true }).ClickAsync();
        await ConsentAsync(page, site, "김민준");
        await page.WaitForURLAsync(site.BaseUrl + "/me");
        Assert.Empty(OffMachine);
    }
}
