using Daemun.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Daemun.BrowserTests;

/// <summary>Signing in with the keyboard alone: Tab reaches the provider buttons at once, in their on-screen order, with a visible focus ring; Enter presses.</summary>
public sealed class KeyboardBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string FocusedProvider = "() => document.activeElement?.dataset?.provider ?? null";

    [Fact]
    public async Task TabReachesTheNaverButtonAndEnterGoesToNaver()
    {
        await using var site = await TestSite.StartAsync();
        var page = await NewPageAsync("ko-KR");
        await page.GotoAsync(site.BaseUrl + "/api/auth/signin");

        var tabs = 0;
        do
        {
            await page.Keyboard.PressAsync("Tab");
            tabs++;
        } while (await page.EvaluateAsync<string?>(FocusedProvider) != "naver" && tabs < 5);
        Assert.True(tabs <= 3, $"{tabs} Tabs and the NAVER button still has no focus");
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));

        // on through the other buttons: focus follows the order they are shown in, top to bottom
        var focusOrder = new List<string?> { "naver" };
        for (var i = 1; i < ProviderButtons.Order.Length; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            focusOrder.Add(await page.EvaluateAsync<string?>(FocusedProvider));
        }
        var shownOrder = await page.Locator("button.provider").EvaluateAllAsync<string[]>(
            "buttons => buttons.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map(b => b.dataset.provider)");
        Assert.Equal(ProviderButtons.Order, shownOrder);
        Assert.Equal(ProviderButtons.Order, focusOrder);

        // back to NAVER and press it
        for (var i = 1; i < ProviderButtons.Order.Length; i++) await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal("naver", await page.EvaluateAsync<string?>(FocusedProvider));
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.StartsWith(site.Emulator.BaseAddress + "/naver/", StringComparison.Ordinal) && url.Contains("authorize", StringComparison.Ordinal));
        await Expect(page.Locator("button[name=decision][value=allow]")).ToBeVisibleAsync();
        Assert.Equal(1, site.Emulator.CountRequests("naver", Daemun.Emulator.EmulatorEndpoint.Authorize));
        Assert.Empty(OffMachine);
    }
}
