using System.Net;
using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

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
