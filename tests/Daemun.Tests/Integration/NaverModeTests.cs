using Daemun.Errors;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Tests.Integration;

/// <summary>Naver's classic API has no PKCE: a real Naver configuration that does not choose its <c>Mode</c> gets one start-up warning
/// recommending <c>Mode=oidc</c>; choosing either mode explicitly, or running on the emulator, is silent. Nothing switches by itself.
/// A stolen code injected into the thief's own sign-in is refused in both modes: classic by Naver's state check on the token request
/// (the emulator enforces it as documented), OIDC by PKCE.</summary>
public sealed class NaverModeTests
{
    private const string Warning = "Daemun:Providers:naver:Mode is not set";

    [Fact]
    public async Task ARealNaverWithoutAModeStartsInClassicModeWithOneWarningRecommendingOidc()
    {
        await using var site = await TestSite.StartAsync(RealNaver());

        var line = Assert.Single(site.Logs.Lines, l => l.Contains(Warning, StringComparison.Ordinal));
        Assert.StartsWith("Warning Daemun.Startup:", line, StringComparison.Ordinal);
        Assert.Contains("set it to oidc", line, StringComparison.Ordinal);
        Assert.Contains("PKCE", line, StringComparison.Ordinal);
        Assert.DoesNotContain("real-naver-secret", site.Logs.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("classic")]
    [InlineData("oidc")]
    public async Task AnExplicitModeIsNotWarnedAbout(string mode)
    {
        var settings = RealNaver();
        settings["Daemun:Providers:naver:Mode"] = mode;

        await using var site = await TestSite.StartAsync(settings);

        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains(Warning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheEmulatedNaverIsNotWarnedAbout()
    {
        await using var site = await TestSite.StartAsync();

        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains(Warning, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("classic")]
    [InlineData("oidc")]
    public async Task AStolenCodeInjectedIntoTheThiefsOwnSignInSignsNobodyIn(string mode)
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Providers:naver:Mode"] = mode });
        using var victim = site.NewBrowser();
        var victimsCallback = await victim.ConsentAsync(await victim.StartAsync("naver"), "kim");
        var stolenCode = QueryHelpers.ParseQuery(new Uri(victimsCallback).Query)["code"].ToString(); // leaked: Referer, a log, history
        using var thief = site.NewBrowser();
        var thiefsState = QueryHelpers.ParseQuery(new Uri(await thief.StartAsync("naver")).Query)["state"].ToString();

        using var response = await thief.GetAsync($"/api/auth/callback/naver?code={Uri.EscapeDataString(stolenCode)}&state={Uri.EscapeDataString(thiefsState)}");

        await Refusal.AssertAsync(site, thief, response, ErrorCode.TokenRequestFailed, stolenCode);
        Assert.Equal(0, site.Count("users"));
        Assert.Equal(0, site.Count("sessions"));
    }

    private static Dictionary<string, string?> RealNaver() => new()
    {
        ["Daemun:Providers:naver:ClientId"] = "real-naver-client",
        ["Daemun:Providers:naver:ClientSecret"] = "real-naver-secret",
    };
}
