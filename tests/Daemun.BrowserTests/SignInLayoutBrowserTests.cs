using Daemun.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Daemun.BrowserTests;

/// <summary>The sign-in page on a phone and a desktop, light and dark, Korean and English: no sideways scrolling, every button whole;
/// a screenshot of each is kept under <c>tests/Daemun.BrowserTests/screenshots/</c> for a person to look at.</summary>
public sealed class SignInLayoutBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData("ko", "light", 360)]
    [InlineData("ko", "light", 1280)]
    [InlineData("ko", "dark", 360)]
    [InlineData("ko", "dark", 1280)]
    [InlineData("en", "light", 360)]
    [InlineData("en", "light", 1280)]
    [InlineData("en", "dark", 360)]
    [InlineData("en", "dark", 1280)]
    public async Task SignInPageFitsAndIsPhotographed(string language, string scheme, int width)
    {
        await using var site = await TestSite.StartAsync();
        var page = await OpenAsync(site, language, scheme, width);
        var path = Chromium.ScreenshotPath($"signin-{language}-{scheme}-{width}.png");
        File.Delete(path);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

        Assert.True(new FileInfo(path).Length > 0, path);
        await AssertFitsAsync(page, language);
        Assert.Empty(OffMachine);
    }

    [Theory]
    [InlineData("ko")]
    [InlineData("en")]
    public async Task SignInPageFitsTheNarrowestPhone(string language)
    {
        await using var site = await TestSite.StartAsync();
        var page = await OpenAsync(site, language, "light", 320);

        await AssertFitsAsync(page, language);
        Assert.Empty(OffMachine);
    }

    private async Task<IPage> OpenAsync(TestSite site, string language, string scheme, int width)
    {
        var page = await NewPageAsync(ProviderButtons.Locale(language), new BrowserNewContextOptions
        {
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            ViewportSize = new() { Width = width, Height = 800 },
        });
        await page.GotoAsync(site.BaseUrl + "/api/auth/signin");
        return page;
    }

    /// <summary>No horizontal scroll; each provider button (found by its name) lies wholly inside the viewport once scrolled to, label not cut off.</summary>
    private static async Task AssertFitsAsync(IPage page, string language)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth, $"horizontal scroll: content {scrollWidth}px wide in a {innerWidth}px window");
        await Expect(page.Locator("button.provider")).ToHaveCountAsync(ProviderButtons.Order.Length);
        foreach (var name in ProviderButtons.Names(language))
        {
            var button = page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
            await button.ScrollIntoViewIfNeededAsync();
            await Expect(button).ToBeInViewportAsync(new() { Ratio = 1 });
            var box = (await button.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= innerWidth, $"{name} sticks out: x={box.X}, width={box.Width}, window {innerWidth}px");
            Assert.True(await button.EvaluateAsync<bool>("b => b.scrollWidth <= b.clientWidth"), $"{name}: the label is wider than its button");
        }
    }
}
