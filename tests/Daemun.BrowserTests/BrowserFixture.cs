using System.Globalization;
using System.Text.Json;
using Daemun.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Daemun.BrowserTests;

/// <summary>One Chromium for every browser test: launched once, shared by the collection.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync() => (playwright, Browser) = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}

/// <summary>All browser test classes run one after another (2 cores: parallel Chromium pages starve each other into timeouts).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>A browser test: new loopback-only contexts on the shared Chromium, closed after the test.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];

    /// <summary>Every request that tried to leave the machine (aborted); a test asserts it stays empty.</summary>
    protected List<string> OffMachine { get; } = [];

    /// <summary>A page in a fresh context (its own cookies): a new browser profile, as another person or device would have.</summary>
    protected async Task<IPage> NewPageAsync(string locale, BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.Locale = locale;
        var context = await Chromium.NewLoopbackContextAsync(fixture.Browser, options, OffMachine);
        contexts.Add(context);
        return await context.NewPageAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in contexts) await context.CloseAsync();
    }

    /// <summary>At the emulator's consent page: picks the test person by their label and allows (or cancels).</summary>
    protected static async Task ConsentAsync(IPage page, TestSite site, string person, string decision = "allow")
    {
        // only the address: the checkbox below waits for its element, so a late or missed load event cannot stall the test
        await page.WaitForURLAsync(url => url.StartsWith(site.Emulator.BaseAddress + "/", StringComparison.Ordinal),
            new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await page.GetByLabel(person, new() { Exact = false }).CheckAsync();
        await page.Locator($"button[name=decision][value={decision}]").ClickAsync();
    }

    /// <summary>Signs in from the sign-in page with the button named <paramref name="button"/> as <paramref name="person"/>; ends on the home page.</summary>
    protected static async Task SignInAsync(IPage page, TestSite site, string button, string person)
    {
        await page.GotoAsync(site.BaseUrl + "/api/auth/signin");
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await ConsentAsync(page, site, person);
        await page.WaitForURLAsync(site.BaseUrl + "/");
    }

    /// <summary><c>/api/auth/session</c> with the page's cookies: the signed-in user's id, or null when signed out.</summary>
    protected static async Task<string?> SessionUserIdAsync(IPage page, TestSite site)
    {
        var response = await page.APIRequest.GetAsync(site.BaseUrl + "/api/auth/session");
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.TryGetProperty("user", out var user) ? user.GetProperty("id").GetString() : null;
    }
}

/// <summary>The pages' texts as the strings files hold them (<c>src/Daemun/Localization/Strings/{lang}.json</c>).</summary>
internal static class Strings
{
    public static string Get(string language, string key, params object[] args)
    {
        var path = Path.Combine(SourceTree.Root, "src", "Daemun", "Localization", "Strings", language + ".json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var text = json.RootElement.GetProperty(key).GetString()!;
        return string.Format(CultureInfo.InvariantCulture, text, args);
    }
}
