using Daemun.Providers;
using Daemun.Storage;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>The stateless strategy for apps without a database: Cookie sessions, nothing persisted, stable user ids, states still single use.</summary>
public sealed class NoDatabaseTests
{
    private static readonly Dictionary<string, string?> NoDatabase = new()
    {
        ["Daemun:Store:Provider"] = "none",
        ["Daemun:Session:Strategy"] = "Cookie",
    };

    [Fact]
    public async Task SignInWorksWithoutADatabaseAndWritesNoFile()
    {
        await using var site = await TestSite.StartAsync(NoDatabase);
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("google", "kim", "/home");

        Assert.Equal("/home", callback.Headers.Location!.ToString());
        var session = await browser.SessionAsync();
        Assert.Equal("김민준", session.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal(StatelessUserStore.UserId("google", "109876543210987654321"), session.GetProperty("user").GetProperty("id").GetString());
        Assert.False(File.Exists(site.DatabasePath));
        using var me = await browser.GetAsync("/me");
        Assert.Equal(System.Net.HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task TheSamePersonGetsTheSameUserIdAtEverySignInAndAnotherPersonAnother()
    {
        await using var site = await TestSite.StartAsync(NoDatabase);
        using var first = site.NewBrowser();
        using var again = site.NewBrowser();
        using var other = site.NewBrowser();

        (await first.SignInAsync("naver", "kim")).Dispose();
        (await again.SignInAsync("naver", "kim")).Dispose();
        (await other.SignInAsync("naver", "lee")).Dispose();

        string Id(System.Text.Json.JsonElement s) => s.GetProperty("user").GetProperty("id").GetString()!;
        Assert.Equal(Id(await first.SessionAsync()), Id(await again.SessionAsync()));
        Assert.NotEqual(Id(await first.SessionAsync()), Id(await other.SessionAsync()));
    }

    [Fact]
    public async Task AReplayedStateIsRefusedWithoutADatabase()
    {
        await using var site = await TestSite.StartAsync(NoDatabase);
        using var browser = site.NewBrowser();
        var callback = await browser.ConsentAsync(await browser.StartAsync("naver"));
        var stateCookie = browser.Cookie("daemun.state")!.Value;
        (await browser.GetAsync(callback)).Dispose();

        using var attacker = site.NewBrowser();
        attacker.Cookies.Add(new Uri(site.BaseUrl), new System.Net.Cookie("daemun.state", stateCookie));
        using var replay = await attacker.GetAsync(callback);

        Assert.Equal("StateReplayed", TestBrowser.ErrorCodeOf(replay));
    }

    [Fact]
    public async Task DatabaseSessionsWithoutADatabaseStopStartUpNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<DaemunConfigurationException>(() =>
            TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Store:Provider"] = "none" }));

        Assert.Equal("Daemun:Session:Strategy", error.Key);
    }
}
