using Daemun.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Daemun.BrowserTests;

/// <summary>The account page in a browser: connect a second provider, sign in with it as the same user, disconnect it, and be refused the last one.</summary>
public sealed class AccountPageBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static string En(string key, params object[] args) => Strings.Get("en", key, args);

    [Fact]
    public async Task ConnectKakaoSignInWithItAsTheSameUserDisconnectItAndKeepTheLastProvider()
    {
        await using var site = await TestSite.StartAsync();
        var page = await NewPageAsync("en-US");
        await SignInAsync(page, site, "Sign in with NAVER", "김민준");
        var userId = await SessionUserIdAsync(page, site);
        Assert.NotNull(userId);
        var account = site.BaseUrl + "/api/auth/account";
        ILocator State(string provider) => page.Locator($"#state-{provider}");

        // connect Kakao: the link flow through the emulator, back to the account page
        await page.GotoAsync(account);
        Assert.Equal(userId, await page.Locator("#profile-user-id").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect Kakao", Exact = true }).ClickAsync();
        await ConsentAsync(page, site, "김민준");
        await page.WaitForURLAsync(account);
        await Expect(State("kakao")).ToHaveTextAsync(En("account.linked"));
        Assert.Equal(1, site.Count("accounts", $"provider = 'kakao' AND user_id = '{userId}'"));

        // sign out, then Kakao alone signs in as the same user
        await page.GotoAsync(site.BaseUrl + "/");
        await page.Locator("#sign-out").ClickAsync();
        await page.WaitForSelectorAsync("#sign-in");
        Assert.Null(await SessionUserIdAsync(page, site));
        await SignInAsync(page, site, "Sign in with Kakao", "김민준");
        Assert.Equal(userId, await SessionUserIdAsync(page, site));
        Assert.Equal(1, site.Count("users"));

        // disconnect Kakao through its confirmation page
        await page.GotoAsync(account);
        await page.GetByRole(AriaRole.Link, new() { Name = "Disconnect Kakao", Exact = true }).ClickAsync();
        await Expect(page.Locator("#confirm-question")).ToHaveTextAsync(En("account.unlinkQuestion", "Kakao"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect Kakao", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(account + "?", StringComparison.Ordinal));
        await Expect(page.Locator("#account-notice")).ToHaveTextAsync(En("account.unlinked", "Kakao"));
        await Expect(State("kakao")).ToHaveTextAsync(En("account.notLinked"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Connect Kakao", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, site.Count("accounts", "provider = 'kakao'"));

        // NAVER is the last one: the page explains why there is no disconnect, and the confirmation page's POST is refused
        await Expect(page.Locator("#last-account")).ToHaveTextAsync(En("account.lastAccount", "NAVER"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Disconnect NAVER", Exact = true })).ToHaveCountAsync(0);
        await page.GotoAsync(account + "/unlink/naver");
        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect NAVER", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(account + "?error=LastAccount"); // back on the account page, which says why
        await Expect(page.Locator("#account-error")).ToContainTextAsync(En("error.LastAccount"));
        Assert.Equal(1, site.Count("accounts", $"provider = 'naver' AND user_id = '{userId}'"));
        Assert.Equal(userId, await SessionUserIdAsync(page, site));
        Assert.Empty(OffMachine);
    }
}
