using System.Buffers.Text;
using System.Text;
using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Protocol;
using Daemun.Security;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary>With a database, a started sign-in waits in the shared table <c>sign_in_requests</c> (state hash, browser-binding hash, encrypted
/// material, expiry); the browser holds only a random binding value in the state cookie. Runs on SQLite and, with
/// <c>DAEMUN_TEST_STORE=postgres</c>, on PostgreSQL. Without a database the material stays in the encrypted cookie (last test).</summary>
public sealed class SharedSignInStateTests
{
    [Fact]
    public async Task TwoSignInsStartedInTwoTabsOfOneBrowserBothComplete()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var first = await PendingCallback.StartAsync(browser, "naver", "kim", "/first");
        var second = await PendingCallback.StartAsync(browser, "naver", "kim", "/second"); // the same account: a new one while signed in would ask first

        Assert.Equal(first.StateCookie, second.StateCookie); // the second tab reused the browser's binding instead of replacing it
        Assert.Equal(2, s.Site.Count("sign_in_requests"));
        using (var one = await browser.GetAsync(first.CallbackUrl)) Assert.Equal("/first", one.Headers.Location!.ToString());
        Assert.Equal(first.StateCookie, browser.Cookie(PendingCallback.StateCookieName)?.Value); // kept: the other tab still needs it
        using (var two = await browser.GetAsync(second.CallbackUrl)) Assert.Equal("/second", two.Headers.Location!.ToString());

        Assert.Null(browser.Cookie(PendingCallback.StateCookieName)); // nothing in progress any more: the binding is gone
        Assert.Equal(0, s.Site.Count("sign_in_requests"));
        Assert.Equal("김민준", (await browser.SessionAsync()).GetProperty("user").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnAttackersSignInOpenedInTheVictimsBrowserIsStateInvalidAndSignsNobodyIn()
    {
        // Login CSRF / fixation: the attacker starts a sign-in in their own browser, consents as themselves, and makes the victim's
        // browser (which has a sign-in of its own in progress, so it holds a binding cookie) open the attacker's callback URL.
        await using var s = await SecuritySite.StartAsync();
        using var attacker = s.Site.NewBrowser();
        using var victim = s.Site.NewBrowser();
        var attackers = await PendingCallback.StartAsync(attacker, "naver", "lee");
        var victimsOwn = await PendingCallback.StartAsync(victim, "naver", "kim");

        using var response = await victim.GetAsync(attackers.CallbackUrl);

        await Refusal.AssertAsync(s.Site, victim, response, ErrorCode.StateInvalid, [.. attackers.Secrets, .. victimsOwn.Secrets]);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token)); // the attacker's code was never exchanged
        Assert.False((await victim.SessionAsync()).TryGetProperty("user", out _));
        Assert.Equal(1, s.Site.Count("sign_in_requests", $"state_hash = '{RandomToken.Hash(attackers.State!)}'")); // refused, not taken
    }

    [Fact]
    public async Task TheStoredSignInHoldsNeitherStateNorVerifierNorNonceInTheClear()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "google"); // PKCE and nonce
        var row = ReadRow(s.Site);
        var stored = string.Join('\n', row.StateHash, row.BrowserHash, row.Material, Encoding.UTF8.GetString(Base64UrlOrEmpty(row.Material)));
        var authorize = Assert.Single(s.Emulator.Requests, r => r.Provider == "google" && r.Endpoint == EmulatorEndpoint.Authorize);
        var state = authorize.Query["state"];

        Assert.Equal(RandomToken.Hash(state), row.StateHash);
        Assert.Equal(RandomToken.Hash(pending.StateCookie), row.BrowserHash);
        foreach (var secret in new[] { state, authorize.Query["nonce"], authorize.Query["code_challenge"], pending.StateCookie })
        {
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("CodeVerifier", stored, StringComparison.Ordinal); // the material is not readable JSON
        using (var callback = await browser.GetAsync(pending.CallbackUrl)) Assert.Equal("/", callback.Headers.Location!.ToString());
        var verifier = Assert.Single(s.Emulator.Requests, r => r.Provider == "google" && r.Endpoint == EmulatorEndpoint.Token).Form["code_verifier"];
        Assert.DoesNotContain(verifier, stored, StringComparison.Ordinal); // known only now: the provider received it at the code exchange
        var material = s.Site.Server.App.Services.GetRequiredService<SignInStateProtector>().Unprotect(row.Material);
        Assert.Equal((state, verifier, authorize.Query["nonce"]), (material?.State, material?.CodeVerifier, material?.Nonce)); // all of it is in there
    }

    [Fact]
    public async Task TheCallbackRemovesTheRowAndAReplayIsStateReplayed()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var first = await PendingCallback.StartAsync(browser, "naver");
        var second = await PendingCallback.StartAsync(browser, "naver", "lee"); // keeps the binding cookie alive after the first callback
        Assert.Equal(1, s.Site.Count("sign_in_requests", $"state_hash = '{RandomToken.Hash(first.State!)}'"));

        using (var done = await browser.GetAsync(first.CallbackUrl)) Assert.Equal("/", done.Headers.Location!.ToString());
        Assert.Equal(0, s.Site.Count("sign_in_requests", $"state_hash = '{RandomToken.Hash(first.State!)}'"));
        Assert.Equal(1, s.Site.Count("sign_in_requests", $"state_hash = '{RandomToken.Hash(second.State!)}'"));
        var tokenRequests = s.Emulator.CountRequests("naver", EmulatorEndpoint.Token);

        using var replay = await browser.GetAsync(first.CallbackUrl); // the same browser, its binding cookie still valid

        await Refusal.AssertAsync(s.Site, browser, replay, ErrorCode.StateReplayed, [.. first.Secrets, .. second.Secrets]);
        Assert.Equal(tokenRequests, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
        Assert.Equal(1, s.Site.Count("sessions"));
    }

    [Fact]
    public async Task ExpiredSignInsAndUsedStateMarksAreCleanedUpByLaterSignInsAFewAtATime()
    {
        await using var s = await SecuritySite.StartAsync(emulatorOptions: o => o.CodeLifetime = TimeSpan.FromHours(1));
        using var abandoned = s.Site.NewBrowser();
        using var completed = s.Site.NewBrowser();
        await PendingCallback.StartAsync(abandoned, "naver");
        (await completed.SignInAsync("naver", "lee")).Dispose();
        var expiresAt = s.Site.Clock.GetUtcNow().AddMinutes(15).ToUnixTimeMilliseconds();
        s.Site.Execute(string.Concat(Enumerable.Range(0, 150).Select(i => // a burst of abandoned sign-ins, all expiring with the first
            $"INSERT INTO sign_in_requests (state_hash, browser_hash, material, expires_at) VALUES ('burst{i}', 'b', 'm', {expiresAt}); ")));
        Assert.Equal(151, s.Site.Count("sign_in_requests"));
        Assert.Equal(1, s.Site.Count("consumed_states"));

        s.Site.Clock.Advance(TimeSpan.FromMinutes(16));
        using var later = s.Site.NewBrowser();
        var fresh = await PendingCallback.StartAsync(later, "naver");

        Assert.Equal(51 + 1, s.Site.Count("sign_in_requests")); // one start deletes at most 100 expired rows, oldest first
        Assert.Equal(1, s.Site.Count("sign_in_requests", $"state_hash = '{RandomToken.Hash(fresh.State!)}'"));
        Assert.Equal(0, s.Site.Count("consumed_states"));
        await PendingCallback.StartAsync(later, "naver");
        Assert.Equal(2, s.Site.Count("sign_in_requests")); // the next start takes the rest
    }

    [Fact]
    public async Task WithoutADatabaseTheSignInStaysInTheEncryptedCookie()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Store:Provider"] = "none", ["Daemun:Session:Strategy"] = "Cookie" });
        using var browser = site.NewBrowser();
        var authorize = await browser.StartAsync("naver", "/home");

        var material = site.Server.App.Services.GetRequiredService<SignInStateProtector>().Unprotect(browser.Cookie(PendingCallback.StateCookieName)!.Value);

        Assert.Equal(PendingCallback.Query(authorize, "state"), material?.State);
        Assert.Equal("/home", material?.CallbackUrl);
        using var callback = await browser.GetAsync(await browser.ConsentAsync(authorize));
        Assert.Equal("/home", callback.Headers.Location!.ToString());
    }

    private sealed record StoredRow(string StateHash, string BrowserHash, string Material);

    private static StoredRow ReadRow(TestSite site)
    {
        using var connection = site.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state_hash, browser_hash, material FROM sign_in_requests";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), "no sign_in_requests row");
        var row = new StoredRow(reader.GetString(0), reader.GetString(1), reader.GetString(2));
        Assert.False(reader.Read(), "more than one sign_in_requests row");
        return row;
    }

    private static byte[] Base64UrlOrEmpty(string value) => Base64Url.IsValid(value) ? Base64Url.DecodeFromChars(value) : [];
}
