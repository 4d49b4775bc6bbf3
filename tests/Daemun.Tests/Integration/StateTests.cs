using Microsoft.Extensions.Time.Testing;
using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>The state binds a callback to the browser that started the sign-in, once, within 15 minutes, for one provider;
/// PKCE binds the code to the same sign-in. Every test drives the real flow and then breaks exactly one binding.
/// This file also holds the helpers the security tests share (<see cref="SecuritySite"/>, <see cref="PendingCallback"/>, <see cref="Refusal"/>).</summary>
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

/// <summary>A site with its own emulator on the site's clock, serving the four built-ins and the generic OIDC provider
/// <see cref="Generic"/> (configured as an app would: Type=oidc, the issuer, client id and secret).</summary>
internal sealed class SecuritySite : IAsyncDisposable
{
    /// <summary>The id under which the generic OIDC provider is configured; the emulator serves it as "oidc".</summary>
    public const string Generic = "myidp";

    /// <summary>Every provider a site serves, by the site's ids.</summary>
    public static readonly string[] AllProviders = ["naver", "kakao", "google", "github", Generic];

    private SecuritySite(TestSite site) => Site = site;

    public TestSite Site { get; }

    public ProviderEmulator Emulator => Site.Emulator;

    /// <summary>The emulator's id for a site provider id.</summary>
    public static string EmulatorId(string provider) => provider == Generic ? "oidc" : provider;

    public static Task<SecuritySite> StartAsync(IDictionary<string, string?>? settings = null, Action<EmulatorOptions>? emulatorOptions = null) =>
        StartAsync(_ => settings ?? new Dictionary<string, string?>(), emulatorOptions);

    /// <summary>Starts the emulator, then the site with settings that may name the emulator's endpoints.</summary>
    public static async Task<SecuritySite> StartAsync(Func<ProviderEmulator, IDictionary<string, string?>> settings, Action<EmulatorOptions>? emulatorOptions = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new EmulatorOptions { TimeProvider = clock, TimeoutFaultDelay = TimeSpan.FromSeconds(5) };
        emulatorOptions?.Invoke(options);
        var emulator = await ProviderEmulator.StartAsync(options);
        try
        {
            var client = emulator.Client("oidc");
            var all = new Dictionary<string, string?>
            {
                // RSA key generation in the emulator (lazily, and per UnknownKid token) can take over 2 s on a small, busy machine;
                // only the timeout test needs the short timeout, and it sets it back to 2 s
                ["Daemun:ProviderTimeout"] = "00:00:10",
                [$"Daemun:Providers:{Generic}:Type"] = "oidc",
                [$"Daemun:Providers:{Generic}:Issuer"] = emulator.EndpointsFor("oidc").Issuer,
                [$"Daemun:Providers:{Generic}:ClientId"] = client.ClientId,
                [$"Daemun:Providers:{Generic}:ClientSecret"] = client.ClientSecret,
            };
            foreach (var (key, value) in settings(emulator)) all[key] = value;
            return new SecuritySite(await TestSite.StartAsync(all, emulator: emulator, clock: clock));
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var emulator = Site.Emulator;
        await Site.DisposeAsync();
        await emulator.DisposeAsync();
    }
}

/// <summary>A sign-in driven up to our callback but not through it: the URL the provider sent the browser to and the state cookie
/// the browser held, captured before the callback deletes it (what a replay or a tamper needs).</summary>
internal sealed record PendingCallback(string AuthorizeUrl, string CallbackUrl, string StateCookie)
{
    public const string StateCookieName = "daemun.state";

    /// <summary>POST /signin/{provider}, then the consent page answered with <paramref name="decision"/>.</summary>
    public static async Task<PendingCallback> StartAsync(TestBrowser browser, string provider, string person = "kim", string? callbackUrl = null, string decision = "allow")
    {
        var authorize = await browser.StartAsync(provider, callbackUrl);
        var cookie = browser.Cookie(StateCookieName)?.Value;
        Assert.False(string.IsNullOrEmpty(cookie), "POST /signin set no state cookie");
        var callback = await browser.ConsentAsync(authorize, person, decision);
        return new PendingCallback(authorize, callback, cookie);
    }

    public string? Code => Query(CallbackUrl, "code");

    public string? State => Query(CallbackUrl, "state");

    /// <summary>Values that must never reach a log: the code and the state cookie.</summary>
    public string[] Secrets => [.. new[] { Code, StateCookie }.OfType<string>()];

    /// <summary>The callback URL with one parameter's raw (already URL-encoded) value replaced, or added when absent.</summary>
    public string With(string name, string rawValue) => Rewrite(CallbackUrl, name, rawValue);

    /// <summary>The callback URL without the parameter.</summary>
    public string Without(string name) => Rewrite(CallbackUrl, name, null);

    /// <summary>The callback URL with an extra raw <c>name=value</c> pair appended.</summary>
    public string Plus(string name, string rawValue) => CallbackUrl + "&" + name + "=" + rawValue;

    public static string? Query(string url, string name)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0) return null;
        foreach (var pair in url[(q + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == name) return Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }
        return null;
    }

    private static string Rewrite(string url, string name, string? rawValue)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        var pairs = url[(q + 1)..].Split('&').Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal)).ToList();
        if (rawValue is not null) pairs.Add(name + "=" + rawValue);
        return url[..q] + "?" + string.Join('&', pairs);
    }
}

/// <summary>What every refused request must show: the code on the redirect and on the error page (right status, no stack trace),
/// one log line with the code, no 500 anywhere, no secret in the log; and, for a first sign-in, nothing written.</summary>
internal static class Refusal
{
    public static async Task AssertAsync(TestSite site, TestBrowser browser, HttpResponseMessage response, ErrorCode expected, params IEnumerable<string?> secrets)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect to the error page, got {(int)response.StatusCode}");
        var actual = TestBrowser.ErrorCodeOf(response);
        Assert.True(actual == expected.ToString(), $"expected {expected}, got {actual ?? response.Headers.Location?.ToString()}; refusals logged:\n"
            + string.Join('\n', site.Logs.Lines.Where(l => l.Contains("Sign-in failed", StringComparison.Ordinal) || l.Contains("Request refused", StringComparison.Ordinal))));
        await AssertErrorPageAsync(browser, response.Headers.Location!.ToString(), expected);
        AssertLogged(site, expected);
        AssertNoServerError(site);
        AssertNoSecretLogged(site, browser, secrets);
    }

    /// <summary>The error page answers with the code's status and names the code, without internals.</summary>
    public static async Task AssertErrorPageAsync(TestBrowser browser, string location, ErrorCode expected)
    {
        using var page = await browser.GetAsync(location);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(ErrorCodes.StatusCode(expected), (int)page.StatusCode);
        Assert.Contains($"<code id=\"error-code\">{expected}</code>", html, StringComparison.Ordinal);
        Assert.Contains(new Daemun.Localization.PageText("ko").Error(expected), WebUtility.HtmlDecode(html), StringComparison.Ordinal); // the default language
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    /// <summary>A cancellation at the provider: back to the sign-in page with a gentle notice (no error screen), logged, nothing leaked.</summary>
    public static async Task AssertCancelledAsync(TestSite site, TestBrowser browser, HttpResponseMessage response, params IEnumerable<string?> secrets)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/api/auth/signin?error=AccessDenied", response.Headers.Location!.ToString());
        using var page = await browser.GetAsync(response.Headers.Location!.ToString());
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"id=\"signin-notice\">{new Daemun.Localization.PageText("ko").Error(ErrorCode.AccessDenied)}</div>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"alert\"", html, StringComparison.Ordinal);
        AssertLogged(site, ErrorCode.AccessDenied);
        AssertNoServerError(site);
        AssertNoSecretLogged(site, browser, secrets);
    }

    /// <summary>A refusal line ("Sign-in failed …: Code: detail" or "Request refused: Code: detail") names the code.</summary>
    public static void AssertLogged(TestSite site, ErrorCode expected) =>
        Assert.True(site.Logs.Lines.Any(l => l.Contains($": {expected}: ", StringComparison.Ordinal)),
            $"no log line names {expected}:\n{string.Join('\n', site.Logs.Lines.Where(l => l.StartsWith("Warning Daemun", StringComparison.Ordinal)))}");

    /// <summary>No unhandled exception, no error-level line, no request answered 500.</summary>
    public static void AssertNoServerError(TestSite site)
    {
        var bad = site.Logs.Lines.FirstOrDefault(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal)
            || (l.Contains("Request finished", StringComparison.Ordinal) && l.Contains(" - 500 ", StringComparison.Ordinal)));
        Assert.True(bad is null, $"server error logged: {bad}");
    }

    /// <summary>No client secret, code, verifier, provider token, cookie value (nor <paramref name="extra"/>) in any log line.</summary>
    public static void AssertNoSecretLogged(TestSite site, TestBrowser? browser, IEnumerable<string?> extra)
    {
        var lines = site.Logs.Lines.ToList(); // every line, the framework's too: the server filters the categories that print URLs
        var secrets = KnownSecrets(site, browser).Concat(extra.OfType<string>()).Where(v => v.Length >= 12).Distinct(StringComparer.Ordinal).ToList();
        foreach (var secret in secrets)
        {
            var leak = lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"a secret reached the log: {leak}");
        }
    }

    /// <summary>A failed first sign-in leaves no user, account or session behind.</summary>
    public static void AssertNothingWritten(TestSite site)
    {
        Assert.Equal(0, site.Count("users"));
        Assert.Equal(0, site.Count("accounts"));
        Assert.Equal(0, site.Count("sessions"));
    }

    /// <summary>Client secrets, and every code, verifier, secret and token the emulator received; the browser's Daemun cookies.</summary>
    public static IEnumerable<string> KnownSecrets(TestSite site, TestBrowser? browser)
    {
        foreach (var id in ProviderEmulator.ProviderIds) yield return site.Emulator.Client(id).ClientSecret;
        foreach (var r in site.Emulator.Requests)
        {
            foreach (var name in new[] { "code", "code_verifier", "client_secret", "refresh_token", "access_token", "token" })
            {
                if (r.Form.TryGetValue(name, out var v)) yield return v;
            }
            if (r.Endpoint != EmulatorEndpoint.Authorize && r.Headers.TryGetValue("Authorization", out var auth))
            {
                yield return auth;
                yield return auth[(auth.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            }
        }
        if (browser is not null)
        {
            foreach (var value in browser.SiteCookieValues(site)) yield return value;
        }
    }
}

/// <summary>Cookie helpers for <see cref="TestBrowser"/>.</summary>
internal static class BrowserCookies
{
    /// <summary>Puts a cookie for the site into the browser's jar (what an attacker holding the value can do).</summary>
    public static void SetSiteCookie(this TestBrowser browser, TestSite site, string name, string value) =>
        browser.Cookies.Add(new Uri(site.BaseUrl), new Cookie(name, value, "/"));

    /// <summary>The values of the Daemun cookies this browser holds for the site.</summary>
    public static IEnumerable<string> SiteCookieValues(this TestBrowser browser, TestSite site) =>
        browser.Cookies.GetCookies(new Uri(site.BaseUrl)).Where(c => c.Name.Contains("daemun.", StringComparison.Ordinal)).Select(c => c.Value);
}
