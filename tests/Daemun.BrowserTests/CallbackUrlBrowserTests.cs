using System.Text.Json;
using Daemun.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Daemun.BrowserTests;

/// <summary>Where a person lands after signing in: back on the protected page they asked for, never on another site.</summary>
public sealed class CallbackUrlBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AProtectedPageSendsThePersonToSignInAndBackAgain()
    {
        await using var site = await TestSite.StartAsync();
        var page = await NewPageAsync("ko-KR");

        await page.GotoAsync(site.BaseUrl + "/me");
        Assert.Equal(site.BaseUrl + "/api/auth/signin?callbackUrl=%2Fme", page.Url);
        await page.GetByRole(AriaRole.Button, new() { Name = "네이버 로그인", Exact = true }).ClickAsync();
        await ConsentAsync(page, site, "김민준");

        await page.WaitForURLAsync(site.BaseUrl + "/me");
        using var me = JsonDocument.Parse(await page.Locator("body").InnerTextAsync());
        Assert.Equal("김민준", me.RootElement.GetProperty("name").GetString());
        Assert.Equal(await SessionUserIdAsync(page, site), me.RootElement.GetProperty("id").GetString());
        Assert.Empty(OffMachine);
    }

    [Fact]
    public async Task AnOffSiteCallbackUrlLandsOnTheHomePage()
    {
        await using var site = await TestSite.StartAsync();
        var page = await NewPageAsync("ko-KR");

        await page.GotoAsync(site.BaseUrl + "/api/auth/signin?callbackUrl=" + Uri.EscapeDataString("https://evil.example/x"));
        await page.GetByRole(AriaRole.Button, new() { Name = "네이버 로그인", Exact = true }).ClickAsync();
        await ConsentAsync(page, site, "김민준");

        await page.WaitForURLAsync(site.BaseUrl + "/");
        Assert.Equal("김민준", await page.Locator("#user-name").InnerTextAsync());
        Assert.Empty(OffMachine); // the browser never even tried to reach evil.example
    }
}
