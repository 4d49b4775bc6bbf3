using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Tests.Integration;

/// <summary>Sessions (§6): database sessions with a hashed token and sliding expiry, the cookie strategy, sign-out, and the authentication scheme.</summary>
public sealed class SessionTests
{
    private const string SessionCookie = "daemun.session-token";
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    // ---- database strategy ----

    [Fact]
    public async Task DatabaseSessionStoresOnlyTheSha256HashOfTheCookieToken()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser);

        var token = browser.Cookie(SessionCookie)!.Value;
        var stored = (string)site.Scalar("SELECT token_hash FROM sessions")!;

        Assert.True(token.Length >= 43, "the token carries at least 256 bits");
        Assert.NotEqual(token, stored);
        Assert.Equal(WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(token))), stored);
        Assert.Equal(0, site.Count("sessions", $"token_hash = '{token}'"));
    }

    [Fact]
    public async Task SigningInAgainRetiresTheSessionTheBrowserHadBefore()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser);
        var first = browser.Cookie(SessionCookie)!.Value;

        await SignInOkAsync(site, browser); // the same account again: a new session replaces the old one

        var second = browser.Cookie(SessionCookie)!.Value;
        Assert.NotEqual(first, second);
        Assert.Equal(1, site.Count("sessions"));
        using var old = new TestBrowser(site);
        old.Cookies.Add(new Uri(site.BaseUrl), new System.Net.Cookie(SessionCookie, first));
        AssertEmpty(await old.SessionAsync());
    }

    [Fact]
    public async Task SessionExpirySlidesForwardAtMostOncePerUpdateAge()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        var signedInAt = site.Clock.GetUtcNow();
        await SignInOkAsync(site, browser);
        Assert.Equal(Ms(signedInAt + MaxAge), await ExpiresMsAsync(browser));
        Assert.Equal(Ms(signedInAt + MaxAge), StoredExpiresMs(site));

        site.Clock.Advance(TimeSpan.FromDays(2));
        var slidAt = site.Clock.GetUtcNow();

        Assert.Equal(Ms(slidAt + MaxAge), await ExpiresMsAsync(browser));
        Assert.Equal(Ms(slidAt + MaxAge), StoredExpiresMs(site));
        Assert.Equal(Ms(slidAt), (long)site.Scalar("SELECT updated_at FROM sessions")!);

        site.Clock.Advance(TimeSpan.FromHours(12));

        Assert.Equal(Ms(slidAt + MaxAge), await ExpiresMsAsync(browser));
        Assert.Equal(Ms(slidAt + MaxAge), StoredExpiresMs(site));
        Assert.Equal(Ms(slidAt), (long)site.Scalar("SELECT updated_at FROM sessions")!);
    }

    [Fact]
    public async Task ActiveSessionOutlivesMaxAgeBecauseItSlides()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser);

        site.Clock.Advance(TimeSpan.FromDays(20));
        Assert.True((await browser.SessionAsync()).TryGetProperty("user", out _));
        site.Clock.Advance(TimeSpan.FromDays(20)); // 40 days after sign-in, 20 after the last visit

        Assert.True((await browser.SessionAsync()).TryGetProperty("user", out _));
    }

    [Fact]
    public async Task SessionIdleLongerThanMaxAgeIsSignedOutAndItsRowDeleted()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser);

        site.Clock.Advance(TimeSpan.FromDays(31));

        AssertEmpty(await browser.SessionAsync());
        Assert.Equal(0, site.Count("sessions"));
        Assert.Null(browser.Cookie(SessionCookie));
        Assert.Equal(1, site.Count("users")); // the user and account stay
    }

    [Fact]
    public async Task UnknownSessionTokenIsSignedOutAndItsCookieDeleted()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser);
        browser.Cookies.Add(new Uri(site.BaseUrl), new Cookie(SessionCookie, "forged-" + browser.Cookie(SessionCookie)!.Value[7..]));

        AssertEmpty(await browser.SessionAsync());
        Assert.Null(browser.Cookie(SessionCookie));
        Assert.Equal(1, site.Count("sessions")); // the real session is untouched
    }

    [Fact]
    public async Task SignOutDeletesTheSessionRowAndTheCookie()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser);
        var token = browser.Cookie(SessionCookie)!.Value;

        using var response = await browser.PostFormAsync("/api/auth/signout", Form(("csrfToken", await browser.CsrfAsync()), ("callbackUrl", "/bye")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/bye", response.Headers.Location!.ToString());
        Assert.Equal(0, site.Count("sessions"));
        Assert.Null(browser.Cookie(SessionCookie));
        AssertEmpty(await browser.SessionAsync());

        browser.Cookies.Add(new Uri(site.BaseUrl), new Cookie(SessionCookie, token)); // a copy of the old cookie is worthless
        AssertEmpty(await browser.SessionAsync());
    }

    [Fact]
    public async Task SignOutWithoutTheCsrfTokenKeepsTheSession()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser);
        await browser.CsrfAsync();

        using var response = await browser.PostFormAsync("/api/auth/signout", Form(("callbackUrl", "/bye")));

        Assert.Equal("MissingCsrf", TestBrowser.ErrorCodeOf(response));
        Assert.Equal(1, site.Count("sessions"));
        Assert.True((await browser.SessionAsync()).TryGetProperty("user", out _));
    }

    // ---- the authentication scheme, through the server's /me (RequireAuthorization) ----

    [Fact]
    public async Task ProtectedEndpointAnswers401ToApiClientsWhenSignedOut()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();

        using var response = await GetMeAsync(browser, "application/json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task ProtectedEndpointRedirectsBrowsersToTheSignInPageWithTheirWayBack()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();

        using var response = await GetMeAsync(browser, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var withQuery = await GetMeAsync(browser, "text/html", "/me?tab=1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/api/auth/signin?callbackUrl=%2Fme", response.Headers.Location!.ToString());
        Assert.Equal("/api/auth/signin?callbackUrl=%2Fme%3Ftab%3D1", withQuery.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ProtectedEndpointSeesTheSignedInUsersClaims()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser);
        var user = (await browser.SessionAsync()).GetProperty("user");

        using var response = await GetMeAsync(browser, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(user.GetProperty("id").GetString(), me.GetProperty("id").GetString());
        Assert.Equal("김민준", me.GetProperty("name").GetString());
        Assert.Equal("minjun.kim@example.com", me.GetProperty("email").GetString());
        Assert.Equal(site.Emulator.BaseAddress + "/people/kim/profile.svg", me.GetProperty("image").GetString());
    }

    // ---- cookie strategy ----

    [Fact]
    public async Task CookieStrategySignsInWithoutWritingSessionRows()
    {
        await using var site = await StartSiteAsync(("Daemun:Session:Strategy", "Cookie"));
        using var browser = site.NewBrowser();

        await SignInOkAsync(site, browser);

        Assert.Equal(0, site.Count("sessions"));
        Assert.Equal(1, site.Count("users"));
        Assert.NotNull(browser.Cookie(SessionCookie));
        var session = await browser.SessionAsync();
        Assert.Equal("김민준", session.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal(site.Scalar("SELECT id FROM users"), session.GetProperty("user").GetProperty("id").GetString());
        using var me = await GetMeAsync(browser, "application/json");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("minjun.kim@example.com", await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieStrategyCookieIsEncryptedNotReadable()
    {
        await using var site = await StartSiteAsync(("Daemun:Session:Strategy", "Cookie"));
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser);

        var value = browser.Cookie(SessionCookie)!.Value;
        var userId = (string)site.Scalar("SELECT id FROM users")!;

        Assert.DoesNotContain(userId, value, StringComparison.Ordinal);
        Assert.DoesNotContain(userId, DecodeLoosely(value), StringComparison.Ordinal);
        Assert.DoesNotContain("minjun", DecodeLoosely(value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieStrategySignOutClearsTheCookie()
    {
        await using var site = await StartSiteAsync(("Daemun:Session:Strategy", "Cookie"));
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser);

        using var response = await browser.PostFormAsync("/api/auth/signout", Form(("csrfToken", await browser.CsrfAsync())));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(browser.Cookie(SessionCookie));
        AssertEmpty(await browser.SessionAsync());
        using var me = await GetMeAsync(browser, "application/json");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task CookieStrategyTamperedCookieIsSignedOut()
    {
        await using var site = await StartSiteAsync(("Daemun:Session:Strategy", "Cookie"));
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser);
        var value = browser.Cookie(SessionCookie)!.Value;
        var i = value.Length / 2;
        var tampered = value[..i] + (value[i] == 'A' ? 'B' : 'A') + value[(i + 1)..];

        browser.Cookies.Add(new Uri(site.BaseUrl), new Cookie(SessionCookie, tampered));

        AssertEmpty(await browser.SessionAsync());
        Assert.Null(browser.Cookie(SessionCookie)); // the bad cookie is deleted
        browser.Cookies.Add(new Uri(site.BaseUrl), new Cookie(SessionCookie, tampered));
        using var me = await GetMeAsync(browser, "application/json");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task CookieStrategySessionSlidesAndExpiresWhenIdle()
    {
        await using var site = await StartSiteAsync(("Daemun:Session:Strategy", "Cookie"));
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser);

        site.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(Ms(site.Clock.GetUtcNow() + MaxAge), await ExpiresMsAsync(browser));

        site.Clock.Advance(TimeSpan.FromDays(31));
        AssertEmpty(await browser.SessionAsync());
    }

    // ---- helpers ----

    /// <summary>A site whose provider calls may take long: the emulator creates its RSA keys on first use, which is slow on a busy machine.</summary>
    private static Task<TestSite> StartSiteAsync(params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Daemun:ProviderTimeout"] = "00:00:30" };
        foreach (var (key, value) in settings) all[key] = value;
        return TestSite.StartAsync(all);
    }

    private static async Task SignInOkAsync(TestSite site, TestBrowser browser, string provider = "naver", string person = "kim")
    {
        using var callback = await browser.SignInAsync(provider, person);
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect && TestBrowser.ErrorCodeOf(callback) is null,
            $"sign-in failed: {(int)callback.StatusCode} {callback.Headers.Location}\n{site.Logs.All}");
    }

    private static Task<HttpResponseMessage> GetMeAsync(TestBrowser browser, string accept, string path = "/me")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, browser.Url(path));
        request.Headers.Accept.ParseAdd(accept);
        return browser.SendAsync(request);
    }

    private static async Task<long> ExpiresMsAsync(TestBrowser browser)
    {
        var session = await browser.SessionAsync();
        var expires = session.GetProperty("expires").GetString()!;
        return Ms(DateTimeOffset.Parse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }

    private static long StoredExpiresMs(TestSite site) => (long)site.Scalar("SELECT expires_at FROM sessions")!;

    private static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static void AssertEmpty(JsonElement session)
    {
        Assert.Equal(JsonValueKind.Object, session.ValueKind);
        Assert.Empty(session.EnumerateObject());
    }

    private static IEnumerable<KeyValuePair<string, string>> Form(params (string Key, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value));

    private static string DecodeLoosely(string base64Url)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(base64Url));
        }
        catch (FormatException)
        {
            return "";
        }
    }
}
