using System.Net;
using Daemun.Emulator;
using Daemun.Providers;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Tests.Integration;

/// <summary>The real server in the Production environment: no emulator unless opted in, a provider without credentials stops start-up naming
/// its key, and the origin never comes from the request's Host header (Daemun:BaseUrl or AllowedHosts is required).</summary>
public sealed class ProductionStartupTests
{
    private const string Production = "Production";
    private static readonly Dictionary<string, string?> OnlyHost = new() { ["AllowedHosts"] = "127.0.0.1" };

    private static async Task<DaemunConfigurationException> StartUpFailureAsync(Dictionary<string, string?> settings, string environment = Production, bool builtIns = false)
    {
        await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { KeyCache = TestSite.Keys });
        return await Assert.ThrowsAsync<DaemunConfigurationException>(() =>
            TestSite.StartAsync(settings, emulator: emulator, builtIns: builtIns, environment: environment));
    }

    /// <summary>Naver at the emulator as a real provider is configured, the other built-ins off.</summary>
    private static Task<EmulatedSite> RealNaverAsync(Dictionary<string, string?> settings) =>
        EmulatedSite.StartAsync(e => EmulatedSite.NaverAt(e, e.Client("naver").ClientId, e.Client("naver").ClientSecret, settings), environment: Production);

    [Fact]
    public async Task InProductionAProviderWithoutCredentialsStopsStartUpNamingItsKey()
    {
        var failure = await StartUpFailureAsync(new(OnlyHost) { ["Daemun:Providers:naver:Enabled"] = "true" });

        Assert.Equal("Daemun:Providers:naver:ClientId", failure.Key);
        Assert.StartsWith("Daemun configuration error: Daemun:Providers:naver:ClientId is required.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Development", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Daemun:Emulator:Enabled=true", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryBuiltInWithoutCredentialsStopsStartUpInProduction()
    {
        var failure = await StartUpFailureAsync(new(OnlyHost), builtIns: true);

        Assert.Matches("^Daemun:Providers:(naver|kakao|google|github):ClientId$", failure.Key);
    }

    [Fact]
    public async Task EmulatorEnabledFalseTurnsItOffEvenInDevelopment()
    {
        var failure = await StartUpFailureAsync(new() { ["Daemun:Emulator:Enabled"] = "false", ["Daemun:Providers:kakao:Enabled"] = "true" }, environment: "Development");

        Assert.Equal("Daemun:Providers:kakao:ClientId", failure.Key);
    }

    [Fact]
    public async Task EmulatorEnabledMustBeABoolean()
    {
        var failure = await StartUpFailureAsync(new(OnlyHost) { ["Daemun:Emulator:Enabled"] = "yes" });

        Assert.Equal("Daemun:Emulator:Enabled", failure.Key);
    }

    [Fact]
    public async Task InProductionConfiguredProvidersRunAndNothingIsEmulated()
    {
        await using var env = await RealNaverAsync(new(OnlyHost));
        var site = env.Site;
        using var browser = site.NewBrowser();

        var page = await (await browser.GetAsync("/api/auth/signin")).Content.ReadAsStringAsync();
        using var callback = await browser.SignInAsync("naver", "kim");

        Assert.DoesNotContain("에뮬레이터", page, StringComparison.Ordinal);
        Assert.DoesNotContain("served by the local emulator", site.Logs.All, StringComparison.Ordinal);
        Assert.Null(TestBrowser.ErrorCodeOf(callback));
        Assert.Equal(1, site.Count("accounts", "provider = 'naver'"));
    }

    [Fact]
    public async Task TheOptInServesProvidersFromTheEmulatorInProductionAndSaysSoInOneWarning()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>(OnlyHost) { ["Daemun:Emulator:Enabled"] = "true" }, environment: Production);
        using var browser = site.NewBrowser();

        var authorize = await browser.StartAsync("naver");

        Assert.StartsWith(site.Emulator.EndpointsFor("naver").AuthorizationEndpoint + "?", authorize, StringComparison.Ordinal);
        var warning = Assert.Single(site.Logs.Lines, l => l.Contains("provider emulator is on outside Development", StringComparison.Ordinal));
        Assert.StartsWith("Warning ", warning, StringComparison.Ordinal);
        Assert.Contains("Production", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentNeedsNoOptInAndGivesNoWarning()
    {
        await using var site = await TestSite.StartAsync();

        Assert.Contains("Provider naver is served by the local emulator", site.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("outside Development", site.Logs.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    [InlineData("example.com;*")]
    public async Task InProductionWithoutBaseUrlOrRealAllowedHostsStartUpStops(string? allowedHosts)
    {
        await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { KeyCache = TestSite.Keys });
        var settings = EmulatedSite.NaverAt(emulator, "naver-client", "naver-secret");
        if (allowedHosts is not null) settings["AllowedHosts"] = allowedHosts;

        var failure = await Assert.ThrowsAsync<DaemunConfigurationException>(() =>
            TestSite.StartAsync(settings, emulator: emulator, builtIns: false, environment: Production));

        Assert.Equal("Daemun:BaseUrl", failure.Key);
        Assert.Contains("AllowedHosts", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAllowedHostsARequestForAnotherHostIsRefusedBeforeAnyRedirectUriIsMade()
    {
        await using var env = await RealNaverAsync(new(OnlyHost));
        var site = env.Site;
        using var browser = site.NewBrowser();
        var csrf = await browser.CsrfAsync();

        using var start = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, browser.Url("/api/auth/signin/naver"))
        {
            Headers = { Host = "evil.com" },
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["csrfToken"] = csrf }),
        });
        using var page = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, browser.Url("/api/auth/signin")) { Headers = { Host = "evil.com" } });
        var startedBefore = site.Count("sign_in_requests");
        var own = await browser.StartAsync("naver");

        Assert.Equal(HttpStatusCode.BadRequest, start.StatusCode);
        Assert.Null(start.Headers.Location);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.DoesNotContain("evil.com", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, startedBefore); // nothing of the refused start was recorded
        Assert.Equal($"{site.BaseUrl}/api/auth/callback/naver", QueryHelpers.ParseQuery(new Uri(own).Query)["redirect_uri"].ToString());
    }

    [Fact]
    public async Task WithBaseUrlTheRedirectUriAndSignOutUseItWhateverTheHost()
    {
        await using var env = await RealNaverAsync(new() { ["Daemun:BaseUrl"] = "http://daemun.example" }); // http: the test client sends no Secure cookies over http
        var site = env.Site;
        using var browser = site.NewBrowser();
        var csrf = await browser.CsrfAsync();

        using var start = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, browser.Url("/api/auth/signin/naver"))
        {
            Headers = { Host = "evil.com" },
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["csrfToken"] = csrf }),
        });
        using var signOut = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, browser.Url("/api/auth/signout"))
        {
            Headers = { Host = "evil.com" },
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["csrfToken"] = csrf, ["callbackUrl"] = "http://evil.com/phish" }),
        });

        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var redirectUri = QueryHelpers.ParseQuery(start.Headers.Location!.Query)["redirect_uri"].ToString();
        Assert.Equal("http://daemun.example/api/auth/callback/naver", redirectUri);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.DoesNotContain("evil.com", signOut.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
