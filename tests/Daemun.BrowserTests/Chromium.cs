using Microsoft.Playwright;

namespace Daemun.BrowserTests;

/// <summary>Debian's Chromium driven by Playwright; never a downloaded browser.</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: ./test.sh installs Debian's chromium package");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    /// <summary>
    /// A page that may reach only loopback: any request to another host is aborted at once (no DNS wait) and listed in
    /// <paramref name="offMachine"/>, so a test can assert that our pages and the emulator reference nothing outside.
    /// </summary>
    public static async Task<IPage> NewLoopbackPageAsync(IBrowser browser, string locale, List<string> offMachine)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = locale });
        await page.RouteAsync("**/*", async route =>
        {
            var host = new Uri(route.Request.Url).Host;
            if (host is "127.0.0.1" or "localhost" or "[::1]") await route.ContinueAsync();
            else
            {
                lock (offMachine) offMachine.Add(route.Request.Url);
                await route.AbortAsync("addressunreachable");
            }
        });
        return page;
    }

    /// <summary>Where screenshots go (git-ignored), so a person can look at what the browser saw.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
