using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>The state binds a callback to the browser that started the sign-in, once, within 15 minutes, for one provider;
/// PKCE binds the code to the same sign-in. Every test drives the real flow and then breaks exactly one binding.
/// The helpers the security tests share are <see cref="SecuritySite"/> and <see cref="PendingCallback"/> (tests/Daemun.Testing) and <see cref="Refusal"/>.</summary>
public sealed class StateTests
{
    [Fact]
    public async Task CallbackWithoutStateIsStateMissing()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");

        using var response = await browser.GetAsync(pending.Without("state"));

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.StateMissing, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
    }

    [Fact]
    public async Task CallbackInABrowserWithNoSignInInProgressIsStateMissingAndSpendsNothing()
    {
        await using var s = await SecuritySite.StartAsync();
        using var victim = s.Site.NewBrowser();
        using var stranger = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(victim, "naver");

        using var response = await stranger.GetAsync(pending.CallbackUrl);

        await Refusal.AssertAsync(s.Site, stranger, response, ErrorCode.StateMissing, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
        using var genuine = await victim.GetAsync(pending.CallbackUrl);
        Assert.Equal("/", genuine.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("forged")]
    public async Task StateCookieThatIsNotOneWeSealedIsStateInvalid(string how)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");
        var cookie = how == "tampered"
            ? FlipMiddleCharacter(pending.StateCookie)
            // what an attacker who knows the format would write: the state in the clear, unsealed
            : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
                $$"""{"Provider":"naver","State":"{{pending.State}}","CodeVerifier":null,"Nonce":null,"RedirectUri":"{{s.Site.BaseUrl}}/api/auth/callback/naver","CallbackUrl":"/","IssuedAt":"{{s.Site.Clock.GetUtcNow():O}}"}"""));
        browser.SetSiteCookie(s.Site, PendingCallback.StateCookieName, cookie);

        using var response = await browser.GetAsync(pending.CallbackUrl);

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.StateInvalid, [.. pending.Secrets, cookie]);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
    }

    [Fact]
    public async Task CallbackCarryingAnotherBrowsersStateIsStateInvalid()
    {
        // Login CSRF: the attacker consents as themselves and makes the victim's browser open the attacker's callback.
        await using var s = await SecuritySite.StartAsync();
        using var victim = s.Site.NewBrowser();
        using var attacker = s.Site.NewBrowser();
        var victimsOwn = await PendingCallback.StartAsync(victim, "naver", "kim");
        var attackers = await PendingCallback.StartAsync(attacker, "naver", "lee");

        using var response = await victim.GetAsync(attackers.CallbackUrl);

        await Refusal.AssertAsync(s.Site, victim, response, ErrorCode.StateInvalid, [.. attackers.Secrets, .. victimsOwn.Secrets]);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
        Assert.False((await victim.SessionAsync()).TryGetProperty("user", out _));
    }

    [Fact]
    public async Task ReplayingACompletedCallbackWithItsStateCookieIsStateReplayed()
    {
        await using var s = await SecuritySite.StartAsync();
        using var person = s.Site.NewBrowser();
        using var eavesdropper = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(person, "naver");
        using (var first = await person.GetAsync(pending.CallbackUrl)) Assert.Equal("/", first.Headers.Location!.ToString());
        var tokenRequests = s.Emulator.CountRequests("naver", EmulatorEndpoint.Token);

        eavesdropper.SetSiteCookie(s.Site, PendingCallback.StateCookieName, pending.StateCookie);
        using var replay = await eavesdropper.GetAsync(pending.CallbackUrl);

        await Refusal.AssertAsync(s.Site, eavesdropper, replay, ErrorCode.StateReplayed, [.. pending.Secrets, .. person.SiteCookieValues(s.Site)]);
        Assert.Equal(tokenRequests, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
        Assert.Equal(1, s.Site.Count("users"));
        Assert.Equal(1, s.Site.Count("sessions"));
        Assert.False((await eavesdropper.SessionAsync()).TryGetProperty("user", out _));
    }

    [Fact]
    public async Task StateIsSpentEvenWhenItsSignInFails()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");
        s.Emulator.Faults.Set("naver", EmulatorEndpoint.Token, Fault.ServiceUnavailable);
        using (var failed = await browser.GetAsync(pending.CallbackUrl)) Assert.Equal("ProviderUnavailable", TestBrowser.ErrorCodeOf(failed));
        s.Emulator.Faults.Set("naver", EmulatorEndpoint.Token, Fault.None);

        browser.SetSiteCookie(s.Site, PendingCallback.StateCookieName, pending.StateCookie);
        using var retry = await browser.GetAsync(pending.CallbackUrl);

        await Refusal.AssertAsync(s.Site, browser, retry, ErrorCode.StateReplayed, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(1, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
    }

    [Fact]
    public async Task StateOlderThanFifteenMinutesIsStateExpired()
    {
        await using var s = await SecuritySite.StartAsync(emulatorOptions: o => o.CodeLifetime = TimeSpan.FromHours(1));
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");

        s.Site.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        using var response = await browser.GetAsync(pending.CallbackUrl);

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.StateExpired, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
    }

    [Fact]
    public async Task StateJustUnderFifteenMinutesOldIsAccepted()
    {
        await using var s = await SecuritySite.StartAsync(emulatorOptions: o => o.CodeLifetime = TimeSpan.FromHours(1));
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver", callbackUrl: "/late");

        s.Site.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        using var response = await browser.GetAsync(pending.CallbackUrl);

        Assert.Equal("/late", response.Headers.Location!.ToString());
        Assert.Equal(1, s.Site.Count("sessions"));
    }

    [Theory]
    [InlineData("naver", "kakao")]
    [InlineData("google", SecuritySite.Generic)]
    [InlineData("kakao", "github")]
    public async Task StateForOneProviderOnAnotherProvidersCallbackIsStateInvalid(string startedWith, string arrivesAt)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, startedWith);

        using var response = await browser.GetAsync(pending.CallbackUrl.Replace($"/callback/{startedWith}?", $"/callback/{arrivesAt}?", StringComparison.Ordinal));

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.StateInvalid, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests(SecuritySite.EmulatorId(arrivesAt), EmulatorEndpoint.Token));
    }

    [Fact]
    public async Task FailedCallbackDeletesTheStateCookie()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");

        using var response = await browser.GetAsync(pending.With("state", "not-the-state"));

        Assert.Equal("StateInvalid", TestBrowser.ErrorCodeOf(response));
        Assert.Null(browser.Cookie(PendingCallback.StateCookieName));
        using var genuine = await browser.GetAsync(pending.CallbackUrl);
        Assert.Equal("StateMissing", TestBrowser.ErrorCodeOf(genuine));
    }

    [Theory]
    [InlineData("kakao")]
    [InlineData("google")]
    [InlineData("github")]
    [InlineData(SecuritySite.Generic)]
    public async Task PkceChallengeIsTheS256OfTheVerifierSentToTheTokenEndpoint(string provider)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();

        using var response = await browser.SignInAsync(provider, "kim");

        Assert.Equal("/", response.Headers.Location!.ToString());
        var id = SecuritySite.EmulatorId(provider);
        var authorize = Assert.Single(s.Emulator.Requests, r => r.Provider == id && r.Endpoint == EmulatorEndpoint.Authorize);
        var token = Assert.Single(s.Emulator.Requests, r => r.Provider == id && r.Endpoint == EmulatorEndpoint.Token);
        Assert.Equal("S256", authorize.Query["code_challenge_method"]);
        var verifier = token.Form["code_verifier"];
        Assert.InRange(verifier.Length, 43, 128);
        Assert.Matches("^[A-Za-z0-9._~-]+$", verifier);
        Assert.Equal(Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), authorize.Query["code_challenge"]);
        Assert.DoesNotContain(verifier, authorize.Query.Values);
    }

    [Fact]
    public async Task EachSignInGetsItsOwnStateVerifierAndNonce()
    {
        await using var s = await SecuritySite.StartAsync();
        using var first = s.Site.NewBrowser();
        using var second = s.Site.NewBrowser();

        (await first.SignInAsync("google", "kim")).Dispose();
        (await second.SignInAsync("google", "kim")).Dispose();

        var authorizations = s.Emulator.Requests.Where(r => r.Provider == "google" && r.Endpoint == EmulatorEndpoint.Authorize).ToList();
        Assert.Equal(2, authorizations.Count);
        foreach (var name in new[] { "state", "code_challenge", "nonce" })
        {
            Assert.NotEqual(authorizations[0].Query[name], authorizations[1].Query[name]);
            Assert.True(authorizations[0].Query[name].Length >= 43, $"{name} carries at least 256 bits");
        }
    }

    private static string FlipMiddleCharacter(string value)
    {
        var chars = value.ToCharArray();
        var i = chars.Length / 2;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
