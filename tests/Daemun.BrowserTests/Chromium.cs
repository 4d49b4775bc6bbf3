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
    /// A browser context (its own cookies; locale, colour scheme, viewport, User-Agent from <paramref name="options"/>) that may reach
    /// only loopback: any request to another host is aborted at once (no DNS wait) and listed in <paramref name="offMachine"/>, so a
    /// test can assert that our pages and the emulator reference nothing outside.
    /// </summary>
    public static async Task<IBrowserContext> NewLoopbackContextAsync(IBrowser browser, BrowserNewContextOptions options, List<string> offMachine)
    {
        var context = await browser.NewContextAsync(options);
        await context.RouteAsync("**/*", async route =>
        {
            var host = new Uri(route.Request.Url).Host;
            if (host is "127.0.0.1" or "localhost" or "[::1]") await route.ContinueAsync();
            else
            {
                lock (offMachine) offMachine.Add(route.Request.Url);
                await route.AbortAsync("addressunreachable");
            }
        });
        return context;
    }

    /// <summary>A page in a new loopback-only context (see <see cref="NewLoopbackContextAsync"/>).</summary>
    public static async Task<IPage> NewLoopbackPageAsync(IBrowser browser, string locale, List<string> offMachine) =>
        await (await NewLoopbackContextAsync(browser, new BrowserNewContextOptions { Locale = locale }, offMachine)).NewPageAsync();

    /// <summary>Where screenshots go: <c>tests/Daemun.BrowserTests/screenshots/</c> in the source tree (git-ignored), so a person can look at what the browser saw.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(SourceTree.BrowserTests, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}

/// <summary>Folders of the source tree, found by walking up from the test assembly.</summary>
internal static class SourceTree
{
    /// <summary>The repository root: the folder holding <c>Daemun.slnx</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>This project's folder.</summary>
    public static string BrowserTests => Path.Combine(Root, "tests", "Daemun.BrowserTests");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Daemun.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Daemun.slnx not found above " + AppContext.BaseDirectory);
    }
}
