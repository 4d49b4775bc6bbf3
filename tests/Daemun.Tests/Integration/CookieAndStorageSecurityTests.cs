using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary>What the browser and the database hold: cookie flags and prefixes, encrypted state and CSRF cookies, provider tokens
/// encrypted at rest, session tokens stored only as hashes, and logs without secrets after a successful sign-in.
/// Helpers (<see cref="SecuritySite"/>, <see cref="PendingCallback"/>, <see cref="Refusal"/>) are in StateTests.cs.</summary>
public sealed class CookieAndStorageSecurityTests
{
    private static readonly string[] DaemunCookies = ["daemun.csrf-token", "daemun.state", "daemun.session-token"];

    public static TheoryData<string> EveryProvider => [.. SecuritySite.AllProviders];

    // ---- cookie flags ----

    [Fact]
    public async Task OverPlainHttpEveryCookieIsHttpOnlyLaxRootPathAndNotSecure()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = new RawBrowser(s.Site);

        await browser.SignInAsync("naver");

        Assert.Equal(["daemun.csrf-token", "daemun.session-token", "daemun.state"], browser.SetCookies.Select(CookieName).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(2, browser.SetCookies.Count(c => CookieName(c) == "daemun.state")); // set at sign-in, deleted at the callback
        foreach (var header in browser.SetCookies)
        {
            var attributes = Attributes(header);
            Assert.Contains("httponly", attributes);
            Assert.Contains("samesite=lax", attributes);
            Assert.Contains("path=/", attributes);
            Assert.DoesNotContain("secure", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        }
        Assert.True((await browser.SessionAsync()).Contains("김민준", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Daemun:UseSecureCookies", "true")]
    [InlineData("Daemun:BaseUrl", "https://auth.example")]
    public async Task WithSecureCookiesEveryCookieIsSecureAndHostPrefixed(string key, string value)
    {
        await using var s = await SecuritySite.StartAsync(new Dictionary<string, string?> { [key] = value });
        using var browser = new RawBrowser(s.Site);

        if (key == "Daemun:BaseUrl")
        {
            await browser.SendAsync(HttpMethod.Get, "/api/auth/csrf"); // the redirect URI would be https://auth.example: the flow cannot run here
        }
        else
        {
            await browser.SignInAsync("naver");
            Assert.Equal(3, browser.SetCookies.Select(CookieName).Distinct().Count());
            Assert.True((await browser.SessionAsync()).Contains("김민준", StringComparison.Ordinal)); // the prefixed session cookie is read back
        }

        Assert.NotEmpty(browser.SetCookies);
        foreach (var header in browser.SetCookies)
        {
            var attributes = Attributes(header);
            Assert.StartsWith("__Host-daemun.", CookieName(header), StringComparison.Ordinal);
            Assert.Contains("secure", attributes);
            Assert.Contains("path=/", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains("samesite=lax", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task WithSecureCookiesAnUnprefixedStateCookieIsIgnored()
    {
        // a cookie without __Host- can be planted by a sibling subdomain or over http; it must not count
        await using var s = await SecuritySite.StartAsync(new Dictionary<string, string?> { ["Daemun:UseSecureCookies"] = "true" });
        using var browser = new RawBrowser(s.Site);
        using var consent = s.Site.NewBrowser();
        var authorize = await browser.StartAsync("naver");
        var callback = await consent.ConsentAsync(authorize);
        var sealedState = browser.Jar["__Host-daemun.state"];
        browser.Jar.Remove("__Host-daemun.state");
        browser.Jar["daemun.state"] = sealedState;

        using var response = await browser.SendAsync(HttpMethod.Get, callback);

        await Refusal.AssertAsync(s.Site, consent, response, ErrorCode.StateMissing, sealedState, PendingCallback.Query(callback, "code"));
        Refusal.AssertNothingWritten(s.Site);
    }

    [Fact]
    public async Task StateAndCsrfCookiesHoldTheirValuesOnlyEncrypted()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var csrfToken = await browser.CsrfAsync();

        var pending = await PendingCallback.StartAsync(browser, "google");

        var csrfCookie = browser.Cookie("daemun.csrf-token")!.Value;
        Assert.NotEqual(csrfToken, csrfCookie);
        Assert.DoesNotContain(csrfToken, csrfCookie, StringComparison.Ordinal);
        var authorize = Assert.Single(s.Emulator.Requests, r => r.Provider == "google" && r.Endpoint == EmulatorEndpoint.Authorize);
        foreach (var value in new[] { authorize.Query["state"], authorize.Query["nonce"], authorize.Query["code_challenge"] })
        {
            Assert.DoesNotContain(value, pending.StateCookie, StringComparison.Ordinal);
            Assert.DoesNotContain(value, Encoding.UTF8.GetString(Base64UrlOrEmpty(pending.StateCookie)), StringComparison.Ordinal);
        }
    }

    // ---- at rest ----

    [Theory]
    [MemberData(nameof(EveryProvider))]
    public async Task ProviderTokensAreStoredEncrypted(string provider)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();

        using var response = await browser.SignInAsync(provider, "kim");

        Assert.Equal("/", response.Headers.Location!.ToString());
        var profile = s.Emulator.Requests.First(r => r.Provider == SecuritySite.EmulatorId(provider) && r.Endpoint == EmulatorEndpoint.UserInfo);
        var issued = profile.Headers["Authorization"]["Bearer ".Length..];
        var protector = s.Site.Server.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(IdTokenTests.ProviderTokensPurpose);
        var storedAccess = (string)s.Site.Scalar("SELECT access_token FROM accounts")!;
        Assert.DoesNotContain(issued, storedAccess, StringComparison.Ordinal);
        Assert.Equal(issued, protector.Unprotect(storedAccess)); // encrypted, not lost
        foreach (var column in new[] { "refresh_token", "id_token" })
        {
            if (s.Site.Scalar($"SELECT {column} FROM accounts") is not string stored) continue;
            var clear = protector.Unprotect(stored);
            Assert.DoesNotContain(clear, stored, StringComparison.Ordinal);
            Assert.False(stored.StartsWith("eyJ", StringComparison.Ordinal), $"{column} looks like a JWT in the clear");
        }
        Assert.False(DatabaseFilesContain(s.Site, issued), "the access token is in the database files in the clear");
    }

    [Fact]
    public async Task RefreshTokensAreStoredForProvidersThatIssueThem()
    {
        // so that ProviderTokensAreStoredEncrypted does check a refresh token, not only skip an empty column
        await using var s = await SecuritySite.StartAsync();
        foreach (var (provider, person) in new[] { ("naver", "kim"), ("kakao", "lee"), (SecuritySite.Generic, "jane") })
        {
            using var browser = s.Site.NewBrowser();
            using var response = await browser.SignInAsync(provider, person);
            Assert.Equal("/", response.Headers.Location?.ToString());
        }

        Assert.Equal(3, s.Site.Count("accounts", "refresh_token IS NOT NULL"));
    }

    [Fact]
    public async Task SessionTokenIsStoredOnlyAsItsSha256()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();

        (await browser.SignInAsync("naver", "kim")).Dispose();

        var cookie = browser.Cookie("daemun.session-token")!.Value;
        Assert.True(cookie.Length >= 43);
        var hash = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(cookie)));
        Assert.Equal(hash, s.Site.Scalar("SELECT token_hash FROM sessions"));
        Assert.Equal(0, s.Site.Count("sessions", $"token_hash = '{cookie}'"));
        Assert.False(DatabaseFilesContain(s.Site, cookie), "the session token is in the database files in the clear");
    }

    [Fact]
    public async Task SessionCookieOfAnotherValueIsNotASession()
    {
        // the stored hash itself, presented as a cookie, opens nothing
        await using var s = await SecuritySite.StartAsync();
        using var owner = s.Site.NewBrowser();
        using var thief = s.Site.NewBrowser();
        (await owner.SignInAsync("naver", "kim")).Dispose();

        thief.SetSiteCookie(s.Site, "daemun.session-token", (string)s.Site.Scalar("SELECT token_hash FROM sessions")!);

        Assert.False((await thief.SessionAsync()).TryGetProperty("user", out _));
        Assert.Equal(1, s.Site.Count("sessions"));
    }

    // ---- logs of a success ----

    [Theory]
    [MemberData(nameof(EveryProvider))]
    public async Task SuccessfulSignInLogsNoSecret(string provider)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, provider);

        using var response = await browser.GetAsync(pending.CallbackUrl);

        Assert.Equal("/", response.Headers.Location!.ToString());
        var id = SecuritySite.EmulatorId(provider);
        Assert.Contains(s.Emulator.Requests, r => r.Provider == id && r.Endpoint == EmulatorEndpoint.UserInfo && r.Headers.ContainsKey("Authorization"));
        Refusal.AssertNoSecretLogged(s.Site, browser, [.. pending.Secrets, .. AccountTokens(s.Site)]);
        Refusal.AssertNoServerError(s.Site);
        Assert.Contains(s.Site.Logs.Lines, l => l.Contains($"Sign-in completed with provider {provider}", StringComparison.Ordinal));
    }

    /// <summary>The provider tokens Daemun stored, decrypted: the refresh and id tokens the emulator issued are not otherwise observable.</summary>
    private static IEnumerable<string> AccountTokens(TestSite site)
    {
        var protector = site.Server.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(IdTokenTests.ProviderTokensPurpose);
        foreach (var column in new[] { "access_token", "refresh_token", "id_token" })
        {
            if (site.Scalar($"SELECT {column} FROM accounts") is string stored) yield return protector.Unprotect(stored);
        }
    }

    private static bool DatabaseFilesContain(TestSite site, string value)
    {
        var needle = Encoding.UTF8.GetBytes(value);
        foreach (var path in site.DatabaseFiles())
        {
            using var copy = new MemoryStream();
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                stream.CopyTo(copy);
            }
            catch (FileNotFoundException)
            {
                continue; // PostgreSQL rewrites its relation cache (pg_internal.init) at any time: a file gone since the listing held no table data
            }
            if (copy.ToArray().AsSpan().IndexOf(needle) >= 0) return true;
        }
        return false;
    }

    private static byte[] Base64UrlOrEmpty(string value)
    {
        try
        {
            return Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private static string CookieName(string setCookie) => setCookie[..setCookie.IndexOf('=', StringComparison.Ordinal)];

    private static List<string> Attributes(string setCookie) =>
        [.. setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant())];

    /// <summary>A browser that keeps cookies by hand from the raw Set-Cookie headers, so Secure and <c>__Host-</c> cookies can be followed over
    /// the test's plain http (HttpClient's cookie jar would not send them back).</summary>
    private sealed class RawBrowser(TestSite site) : IDisposable
    {
        private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

        public Dictionary<string, string> Jar { get; } = new(StringComparer.Ordinal);

        public List<string> SetCookies { get; } = [];

        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, IEnumerable<KeyValuePair<string, string>>? form = null)
        {
            using var request = new HttpRequestMessage(method, url.StartsWith("http", StringComparison.Ordinal) ? url : site.BaseUrl + url);
            if (Jar.Count > 0) request.Headers.Add("Cookie", string.Join("; ", Jar.Select(kv => $"{kv.Key}={kv.Value}")));
            if (form is not null) request.Content = new FormUrlEncodedContent(form);
            var response = await _http.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            {
                SetCookies.Add(header);
                var pair = header.Split(';')[0];
                var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) Jar.Remove(name);
                else Jar[name] = value;
            }
            return response;
        }

        /// <summary>GET /csrf, then POST /signin/{provider}; returns the authorize URL.</summary>
        public async Task<string> StartAsync(string provider)
        {
            using var csrf = await SendAsync(HttpMethod.Get, "/api/auth/csrf");
            var token = System.Text.Json.JsonDocument.Parse(await csrf.Content.ReadAsStringAsync()).RootElement.GetProperty("csrfToken").GetString()!;
            using var start = await SendAsync(HttpMethod.Post, $"/api/auth/signin/{provider}", [new("csrfToken", token)]);
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            return start.Headers.Location!.ToString();
        }

        /// <summary>The whole flow; the consent page is answered by a throwaway browser (it only talks to the emulator).</summary>
        public async Task SignInAsync(string provider)
        {
            var authorize = await StartAsync(provider);
            using var consent = site.NewBrowser();
            using var callback = await SendAsync(HttpMethod.Get, await consent.ConsentAsync(authorize));
            Assert.Equal("/", callback.Headers.Location?.ToString());
        }

        public async Task<string> SessionAsync()
        {
            using var response = await SendAsync(HttpMethod.Get, "/api/auth/session");
            return await response.Content.ReadAsStringAsync();
        }

        public void Dispose() => _http.Dispose();
    }
}
