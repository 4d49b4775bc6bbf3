using Daemun.Tests.Infrastructure;
using static Daemun.Tests.Integration.EmulatedIdentityTests;

namespace Daemun.Tests.Integration;

/// <summary><c>Daemun:Providers:{id}:TrustEmails</c>: Naver marks no email verified, so <c>AllowEmailLinking</c> alone never links a Naver account
/// by email (and start-up says so); an operator may declare the provider's emails trusted. Never across the emulator's boundary.</summary>
public sealed class EmailTrustTests
{
    private const string WarningKey = "Daemun:Providers:naver:TrustEmails";

    [Fact]
    public async Task NaverWithAllowEmailLinkingAndTrustEmailsLinksByEmail()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:Providers:naver:AllowEmailLinking"] = "true",
            ["Daemun:Providers:naver:TrustEmails"] = "true",
            ["Daemun:ProviderTimeout"] = "00:00:30",
        });
        using var first = site.NewBrowser();
        await SignInOkAsync(site, first, "google", "kim");
        var userId = (string)site.Scalar("SELECT id FROM users")!;

        using var second = site.NewBrowser();
        await SignInOkAsync(site, second, "naver", "kim");

        Assert.Equal(1, site.Count("users"));
        Assert.Equal(1, site.Count("accounts", $"provider = 'naver' AND user_id = '{userId}'"));
        Assert.Equal(0L, site.Scalar("SELECT email_verified FROM accounts WHERE provider = 'naver'")); // recorded as Naver said
        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains(WarningKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NaverWithAllowEmailLinkingAloneDoesNotLinkAndStartUpSaysWhy()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:Providers:naver:AllowEmailLinking"] = "true",
            ["Daemun:ProviderTimeout"] = "00:00:30",
        });
        using var first = site.NewBrowser();
        await SignInOkAsync(site, first, "google", "kim");

        using var second = site.NewBrowser();
        using var callback = await second.SignInAsync("naver", "kim");

        AssertRefused(site, callback, "OAuthAccountNotLinked");
        Assert.Equal(0, site.Count("accounts", "provider = 'naver'"));
        var warning = Assert.Single(site.Logs.Lines, l => l.Contains(WarningKey, StringComparison.Ordinal));
        Assert.StartsWith("Warning ", warning, StringComparison.Ordinal);
        Assert.Contains("naver", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoWarningForAProviderThatMarksEmailsVerifiedOrWithoutEmailLinking()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Providers:google:AllowEmailLinking"] = "true" });

        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains("TrustEmails", StringComparison.Ordinal));
    }

    /// <summary>An emulated Naver with every switch on still cannot reach a real user's address (ties to the emulator rule).</summary>
    [Fact]
    public async Task TrustEmailsNeverAppliesToAnEmulatedProviderAgainstARealUser()
    {
        await using var env = await EmulatedSite.StartAsync(e => new Dictionary<string, string?>
        {
            ["Daemun:Providers:naver:Enabled"] = "true", // emulated
            ["Daemun:Providers:naver:AllowEmailLinking"] = "true",
            ["Daemun:Providers:naver:TrustEmails"] = "true",
            ["Daemun:Providers:google:ClientId"] = e.Client("google").ClientId,
            ["Daemun:Providers:google:ClientSecret"] = e.Client("google").ClientSecret,
            ["Daemun:Providers:google:Issuer"] = e.EndpointsFor("google").Issuer,
        });
        var site = env.Site;
        using var real = site.NewBrowser();
        await SignInOkAsync(site, real, "google", "kim");

        using var emulated = site.NewBrowser();
        using var callback = await emulated.SignInAsync("naver", "kim");

        AssertRefused(site, callback, "OAuthAccountNotLinked");
        Assert.Equal(0, site.Count("accounts", "provider = 'naver'"));
    }

    [Fact]
    public async Task TrustEmailsMustBeABoolean()
    {
        await using var emulator = await Daemun.Emulator.ProviderEmulator.StartAsync(new Daemun.Emulator.EmulatorOptions { KeyCache = TestSite.Keys });

        var failure = await Assert.ThrowsAsync<Daemun.Providers.DaemunConfigurationException>(() =>
            TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Providers:naver:TrustEmails"] = "yes" }, emulator: emulator));

        Assert.Equal(WarningKey, failure.Key);
    }
}
