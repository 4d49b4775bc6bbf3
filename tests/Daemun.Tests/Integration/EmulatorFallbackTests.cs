using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>The server serves providers without credentials from the emulator, and says so on the sign-in page and in the log.</summary>
public sealed class EmulatorFallbackTests
{
    [Fact]
    public async Task ProvidersWithoutCredentialsAreEmulatedAndThePageAndLogSaySo()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        var page = await (await browser.GetAsync("/api/auth/signin")).Content.ReadAsStringAsync();

        Assert.Contains("개발용 에뮬레이터 사용 중", page);
        foreach (var id in new[] { "naver", "kakao", "google", "github" })
        {
            Assert.Contains($"Provider {id} is served by the local emulator at {site.Emulator.BaseUrl}", site.Logs.All);
        }
        var authorize = await browser.StartAsync("naver");
        Assert.StartsWith(site.Emulator.EndpointsFor("naver").AuthorizationEndpoint + "?", authorize);
    }

    [Fact]
    public async Task AProviderWithAClientIdUsesItsConfiguredEndpointsAndIsNotCalledEmulated()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:Providers:kakao:Enabled"] = "false",
            ["Daemun:Providers:google:Enabled"] = "false",
            ["Daemun:Providers:github:Enabled"] = "false",
            ["Daemun:Providers:naver:ClientId"] = "real-naver-client",
            ["Daemun:Providers:naver:ClientSecret"] = "real-naver-secret",
        });
        using var browser = site.NewBrowser();

        var page = await (await browser.GetAsync("/api/auth/signin")).Content.ReadAsStringAsync();
        var authorize = await browser.StartAsync("naver");

        Assert.DoesNotContain("에뮬레이터", page);
        Assert.DoesNotContain("served by the local emulator", site.Logs.All);
        Assert.StartsWith("https://nid.naver.com/oauth2.0/authorize?", authorize);
        Assert.Contains("client_id=real-naver-client", authorize);
        Assert.DoesNotContain("real-naver-secret", authorize);
    }
}
