using Daemun.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Daemun.BrowserTests;

/// <summary>The sign-up page and the new-user step in a real browser: a person with no email at the provider signs up with Kakao, is asked
/// only for the email (no password anywhere), and lands on the home page with it — or skips the step.</summary>
public sealed class SignUpBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly Dictionary<string, string?> AskEmail = new() { ["Daemun:NewUser:Ask:0"] = "email" };

    private async Task<IPage> SignUpWithKakaoAsync(TestSite site, string locale, string language)
    {
        var page = await NewPageAsync(locale);
        await page.GotoAsync(site.BaseUrl + "/");
        await page.Locator("#sign-up").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/api/auth/signup", StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator("input[type=password]").CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = Strings.Get(language, "signup.button", Strings.Get(language, "provider.kakao")), Exact = true }).ClickAsync();
        await ConsentAsync(page, site, "이서연"); // no email at the provider
        await page.WaitForURLAsync(url => url.Contains("/api/auth/new-user", StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator("input[type=password]").CountAsync());
        return page;
    }

    [Theory]
    [InlineData("ko-KR", "ko")]
    [InlineData("en-US", "en")]
    public async Task ANewPersonWithoutAnEmailSignsUpAndIsAskedOnlyForTheEmail(string locale, string language)
    {
        await using var site = await TestSite.StartAsync(AskEmail);
        var page = await SignUpWithKakaoAsync(site, locale, language);

        await page.GetByLabel(Strings.Get(language, "newuser.email"), new() { Exact = true }).FillAsync("seoyeon@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = Strings.Get(language, "newuser.continue"), Exact = true }).ClickAsync();

        await page.WaitForURLAsync(site.BaseUrl + "/");
        Assert.Equal("서연", await page.Locator("#user-name").InnerTextAsync());
        Assert.Contains("seoyeon@example.org", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("seoyeon@example.org", site.Scalar("SELECT email FROM users"));
        Assert.Empty(OffMachine);
    }

    [Fact]
    public async Task TheStepCanBeSkipped()
    {
        await using var site = await TestSite.StartAsync(AskEmail);
        var page = await SignUpWithKakaoAsync(site, "ko-KR", "ko");

        await page.GetByRole(AriaRole.Link, new() { Name = Strings.Get("ko", "newuser.skip"), Exact = true }).ClickAsync();

        await page.WaitForURLAsync(site.BaseUrl + "/");
        Assert.Equal("서연", await page.Locator("#user-name").InnerTextAsync());
        Assert.Null(site.Scalar("SELECT email FROM users"));
        Assert.Empty(OffMachine);
    }

    [Fact]
    public async Task SignInWorksWithJavaScriptTurnedOff()
    {
        await using var site = await TestSite.StartAsync();
        var page = await NewPageAsync("ko-KR", new BrowserNewContextOptions { JavaScriptEnabled = false });

        await page.GotoAsync(site.BaseUrl + "/api/auth/signin");
        await page.GetByRole(AriaRole.Button, new() { Name = "네이버 로그인", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(site.Emulator.BaseAddress + "/", StringComparison.Ordinal));
        await page.GetByLabel("김민준", new() { Exact = false }).CheckAsync();
        await page.Locator("button[name=decision][value=allow]").ClickAsync();

        await page.WaitForURLAsync(site.BaseUrl + "/");
        Assert.Equal("김민준", await page.Locator("#user-name").InnerTextAsync());
        Assert.Equal(1, site.Count("sessions"));
        Assert.Empty(OffMachine);
    }
}
