using Daemun.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Daemun.BrowserTests;

/// <summary>A person in a real browser: sign-in page → Naver button → emulator consent → signed-in page → sign out.</summary>
public sealed class NaverSignInBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task PersonClicksNaverPicksATestPersonSeesTheirNameThenSignsOut()
    {
        await using var site = await TestSite.StartAsync();
        var page = await NewPageAsync("ko-KR");

        await page.GotoAsync(site.BaseUrl + "/api/auth/signin");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("signin.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "네이버 로그인" }).ClickAsync();

        await page.WaitForURLAsync(url => url.StartsWith(site.Emulator.BaseAddress, StringComparison.Ordinal));
        await page.GetByLabel("이서연", new() { Exact = false }).CheckAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("naver-consent.png"), FullPage = true });
        await page.Locator("button[name=decision][value=allow]").ClickAsync();

        await page.WaitForURLAsync(site.BaseUrl + "/");
        Assert.Equal("이서연", await page.Locator("#user-name").InnerTextAsync());
        // the picture comes from the emulator itself: it loads with no network beyond loopback
        Assert.True(await page.Locator("img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("signed-in.png"), FullPage = true });
        Assert.Equal(1, site.Count("sessions"));

        await page.Locator("#sign-out").ClickAsync();
        await page.WaitForSelectorAsync("#sign-in");
        Assert.Equal(0, site.Count("sessions"));
        var session = await page.GotoAsync(site.BaseUrl + "/api/auth/session");
        Assert.Equal("{}", await session!.TextAsync());
        Assert.Empty(OffMachine);
    }
}
