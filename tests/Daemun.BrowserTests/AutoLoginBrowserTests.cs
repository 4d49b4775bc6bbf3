using Daemun.Emulator;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Daemun.BrowserTests;

/// <summary>Inside the Naver app, sign-in starts at Naver without a click (auth_type=autologin); when Naver declines, the normal page, silently.</summary>
public sealed class AutoLoginBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string NaverApp = "Mozilla/5.0 (iPhone; CPU iPhone OS like Mac OS X) AppleWebKit/605.1.15 NAVER(inapp; search; 620; 10.10.2; XR)";

    private Task<IPage> NaverAppPageAsync() => NewPageAsync("ko-KR", new BrowserNewContextOptions { UserAgent = NaverApp, ViewportSize = new() { Width = 390, Height = 844 } });

    [Fact]
    public async Task InTheNaverAppAProtectedPageGoesStraightToNaverAndComesBackSignedIn()
    {
        await using var site = await TestSite.StartAsync();
        var page = await NaverAppPageAsync();

        await page.GotoAsync(site.BaseUrl + "/me"); // no click on any sign-in button

        var authorize = new Uri(page.Url);
        Assert.Equal(site.Emulator.BaseAddress + "/naver/oauth2.0/authorize", authorize.GetLeftPart(UriPartial.Path));
        Assert.Equal("autologin", QueryHelpers.ParseQuery(authorize.Query)["auth_type"].ToString());
        // the emulator has no Naver app session to answer from, so it asks which test person is signed in to the app
        await ConsentAsync(page, site, "김민준");
        await page.WaitForURLAsync(site.BaseUrl + "/me");
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
