using Daemun.Tests.Infrastructure;

namespace Daemun.BrowserTests;

/// <summary>Every provider's button, in Korean and in English, leads through the emulator's consent page to the signed-in home page.</summary>
public sealed class ProviderButtonBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    // Kakao gives a nickname, not a full name: that is the name Daemun shows
    [InlineData("naver", "ko-KR", "네이버 로그인", "김민준", "김민준")]
    [InlineData("kakao", "ko-KR", "카카오 로그인", "김민준", "민준")]
    [InlineData("google", "ko-KR", "Google 로그인", "김민준", "김민준")]
    [InlineData("github", "ko-KR", "GitHub 로그인", "김민준", "김민준")]
    [InlineData("naver", "en-US", "Sign in with NAVER", "Jane Doe", "Jane Doe")]
    [InlineData("kakao", "en-US", "Sign in with Kakao", "Jane Doe", "jane")]
    [InlineData("google", "en-US", "Sign in with Google", "Jane Doe", "Jane Doe")]
    [InlineData("github", "en-US", "Sign in with GitHub", "Jane Doe", "Jane Doe")]
    public async Task ButtonLeadsThroughTheProviderToTheSignedInHomePage(string provider, string locale, string button, string person, string shownName)
    {
        await using var site = await TestSite.StartAsync();
        var page = await NewPageAsync(locale);

        await SignInAsync(page, site, button, person);

        Assert.Equal(shownName, await page.Locator("#user-name").InnerTextAsync());
        Assert.Equal(1, site.Count("sessions"));
        Assert.Equal(1, site.Count("accounts", $"provider = '{provider}'"));
        Assert.NotNull(await SessionUserIdAsync(page, site));
        Assert.Empty(OffMachine);
    }
}
