using System.Net;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>Anyone can be anyone at the emulator, so an emulated identity never meets a real user by email: no email linking and no takeover of a
/// typed address across the emulator's boundary, in either direction, whatever <c>AllowEmailLinking</c> and <c>TrustEmails</c> say.</summary>
public sealed class EmulatedIdentityTests
{
    /// <summary>The reproduction: a real user (real Naver) with minjun.kim@example.com; Google served by the emulator with
    /// AllowEmailLinking=true; an emulated Google sign-in as that address must not reach the real user.</summary>
    [Fact]
    public async Task AnEmulatedGoogleSignInDoesNotTakeOverARealUserWithTheSameAddress()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync(new() { ["Daemun:Providers:google:AllowEmailLinking"] = "true" });
        var site = naver.Site;
        using var victim = site.NewBrowser();
        await SignInOkAsync(site, victim, "naver", "kim");
        var victimId = (string)site.Scalar("SELECT id FROM users")!;
        Assert.Equal("minjun.kim@example.com", site.Scalar($"SELECT email FROM accounts WHERE user_id = '{victimId}'"));

        using var attacker = site.NewBrowser();
        using var callback = await attacker.SignInAsync("google", "kim"); // the emulator says email_verified: true

        AssertRefused(site, callback, "OAuthAccountNotLinked");
        Assert.Equal(0, site.Count("accounts", "provider = 'google'"));
        Assert.Equal(1, site.Count("users"));
        Assert.False((await attacker.SessionAsync()).TryGetProperty("user", out _));
    }

    /// <summary>The other way round: a user made by an emulated sign-in must not receive a real account by email (the attacker would then
    /// sign in to it through the emulator and see the real person's data).</summary>
    [Fact]
    public async Task ARealGoogleSignInIsNotLinkedToAUserMadeByAnEmulatedSignIn()
    {
        await using var env = await EmulatedSite.StartAsync(e => new Dictionary<string, string?>
        {
            ["Daemun:Providers:naver:Enabled"] = "true", // no credentials: emulated
            ["Daemun:Providers:google:ClientId"] = e.Client("google").ClientId,
            ["Daemun:Providers:google:ClientSecret"] = e.Client("google").ClientSecret,
            ["Daemun:Providers:google:Issuer"] = e.EndpointsFor("google").Issuer,
            ["Daemun:Providers:google:AllowEmailLinking"] = "true",
        });
        var site = env.Site;
        using var attacker = site.NewBrowser();
        await SignInOkAsync(site, attacker, "naver", "kim");

        using var victim = site.NewBrowser();
        using var callback = await victim.SignInAsync("google", "kim");

        AssertRefused(site, callback, "OAuthAccountNotLinked");
        Assert.Equal(0, site.Count("accounts", "provider = 'google'"));
    }

    /// <summary>A real user typed an address on the new-user step; an emulated, "verified" Google account with that address gets a user of its own
    /// without it, and the real user keeps the address.</summary>
    [Fact]
    public async Task AnEmulatedVerifiedAddressDoesNotTakeOverARealUsersTypedAddress()
    {
        await using var naver = await EmulatedSite.WithRealNaverAsync(new() { ["Daemun:NewUser:Ask:0"] = "email" });
        var site = naver.Site;
        using var real = site.NewBrowser();
        using (var first = await real.SignInAsync("naver", "lee")) Assert.Contains("/new-user", first.Headers.Location!.ToString(), StringComparison.Ordinal); // lee has no email at Naver
        var form = new Dictionary<string, string> { ["email"] = "minjun.kim@example.com", ["csrfToken"] = await real.CsrfAsync(), ["callbackUrl"] = "/" };
        using (var saved = await real.PostFormAsync("/api/auth/new-user", form)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var leeId = (string)site.Scalar("SELECT user_id FROM accounts WHERE provider = 'naver'")!;
        Assert.Equal("minjun.kim@example.com", site.Scalar($"SELECT email FROM users WHERE id = '{leeId}'"));

        using var emulated = site.NewBrowser();
        using var callback = await emulated.SignInAsync("google", "kim");

        Assert.Null(TestBrowser.ErrorCodeOf(callback));
        Assert.Equal("minjun.kim@example.com", site.Scalar($"SELECT email FROM users WHERE id = '{leeId}'"));
        Assert.Equal(1, site.Count("users", $"id <> '{leeId}' AND email IS NULL"));
    }

    /// <summary>Within the emulator's world the rules are the usual ones: emulated Naver, then emulated Google with linking on, links by email.</summary>
    [Fact]
    public async Task EmulatedAccountsStillLinkByEmailAmongThemselves()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:Providers:google:AllowEmailLinking"] = "true",
            ["Daemun:ProviderTimeout"] = "00:00:30",
        });
        using var first = site.NewBrowser();
        await SignInOkAsync(site, first, "naver", "kim");

        using var second = site.NewBrowser();
        await SignInOkAsync(site, second, "google", "kim");

        Assert.Equal(1, site.Count("users"));
        Assert.Equal(2, site.Count("accounts"));
    }

    internal static async Task SignInOkAsync(TestSite site, TestBrowser browser, string provider, string person)
    {
        using var callback = await browser.SignInAsync(provider, person);
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect && TestBrowser.ErrorCodeOf(callback) is null,
            $"sign-in failed: {(int)callback.StatusCode} {callback.Headers.Location}\n{site.Logs.All}");
    }

    internal static void AssertRefused(TestSite site, HttpResponseMessage callback, string code) =>
        Assert.True(TestBrowser.ErrorCodeOf(callback) == code, $"expected {code}: {(int)callback.StatusCode} {callback.Headers.Location}\n{site.Logs.All}");
}
