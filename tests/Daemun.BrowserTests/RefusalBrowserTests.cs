using Daemun.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Daemun.BrowserTests;

/// <summary>What a person sees when sign-in does not go through: a refused account (error page) and a cancellation (a gentle notice).</summary>
public sealed class RefusalBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData("ko-KR", "ko", "네이버 로그인", "Google 로그인")]
    [InlineData("en-US", "en", "Sign in with NAVER", "Sign in with Google")]
    public async Task SameEmailAtAnotherProviderShowsTheLocalizedOAuthAccountNotLinkedPage(string locale, string language, string naver, string google)
    {
        await using var site = await TestSite.StartAsync();
        await SignInAsync(await NewPageAsync(locale), site, naver, "김민준");

        var other = await NewPageAsync(locale); // another browser: no session, no cookies
        await other.GotoAsync(site.BaseUrl + "/api/auth/signin");
        await other.GetByRole(AriaRole.Button, new() { Name = google, Exact = true }).ClickAsync();
        await ConsentAsync(other, site, "김민준");

        await other.WaitForURLAsync(site.BaseUrl + "/api/auth/error?error=OAuthAccountNotLinked");
        await Expect(other.Locator("#error-message")).ToHaveTextAsync(Strings.Get(language, "error.OAuthAccountNotLinked"));
        await Expect(other.Locator("#error-code")).ToHaveTextAsync("OAuthAccountNotLinked");
        await Expect(other.Locator("html")).ToHaveAttributeAsync("lang", language);
        Assert.Null(await SessionUserIdAsync(other, site));
        Assert.Equal(0, site.Count("accounts", "provider = 'google'"));
        Assert.Empty(OffMachine);
    }

    [Theory]
    [InlineData("ko-KR", "ko", "네이버 로그인")]
    [InlineData("en-US", "en", "Sign in with NAVER")]
    public async Task CancellingAtTheProviderReturnsToTheSignInPageWithAGentleNotice(string locale, string language, string naver)
    {
        await using var site = await TestSite.StartAsync();
        var page = await NewPageAsync(locale);
        await page.GotoAsync(site.BaseUrl + "/api/auth/signin");
        await page.GetByRole(AriaRole.Button, new() { Name = naver, Exact = true }).ClickAsync();

        await ConsentAsync(page, site, "김민준", decision: "cancel");

        await page.WaitForURLAsync(url => url.StartsWith(site.BaseUrl + "/api/auth/signin?", StringComparison.Ordinal));
        await Expect(page.Locator("#signin-notice")).ToHaveTextAsync(Strings.Get(language, "error.AccessDenied"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = naver, Exact = true })).ToBeVisibleAsync();
        Assert.Null(await SessionUserIdAsync(page, site));
        Assert.Equal(0, site.Count("sessions"));
        Assert.Empty(OffMachine);
    }
}
