using System.Net;
using Daemun.Errors;
using Daemun.Localization;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>A provider's refusal in words: a callback with a listed error code (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6) shows a localized
/// sentence on the OAuthCallbackError page; the provider's error_description and error_uri are never shown nor logged (they are text and a
/// link whoever sends the callback chooses: phishing). Refusals come from the conformance peer, which produces them for real.</summary>
[Collection(OidcProviderPeerCollection.Name)]
public sealed class ProviderRefusalTests(OidcProviderPeer peer)
{
    private const string HostileDescription = "Your account is locked. Call +82-2-555-0199 or visit https://attacker.example/unlock";

    public static TheoryData<string> ListedCodes => [.. ProviderRefusals.Codes];

    [Theory]
    [MemberData(nameof(ListedCodes))]
    public async Task EachListedRefusalFromThePeerIsShownInWordsWithoutTheProvidersText(string code)
    {
        await using var s = await OidcPeerSite.StartAsync(peer);
        using var browser = s.Site.NewBrowser();
        var callback = await s.CallbackAsync(peer, browser, Refuse(code, HostileDescription));
        Assert.Equal(code, PendingCallback.Query(callback, "error")); // what the peer said
        Assert.Equal(HostileDescription, PendingCallback.Query(callback, "error_description"));

        using var response = await browser.GetAsync(callback);

        Assert.Equal($"/api/auth/error?error=OAuthCallbackError&providerError={code}", response.Headers.Location?.ToString());
        var html = await PageAsync(browser, response.Headers.Location!.ToString(), ErrorCode.OAuthCallbackError);
        Assert.Contains(new PageText("ko").T(ProviderRefusals.Key(code)), html, StringComparison.Ordinal);
        Assert.Contains(new PageText("ko").Error(ErrorCode.OAuthCallbackError), html, StringComparison.Ordinal);
        Assert.Contains($"<code id=\"provider-error-code\">{code}</code>", html, StringComparison.Ordinal);
        AssertNeverShownNorLogged(s.Site, html);
        Assert.Empty(await peer.TokenRequestsAsync(s.Client));
        Assert.Equal(0, s.Site.Count("sessions"));
    }

    [Fact]
    public async Task LoginRequiredWhenThePeerHasNoSessionForPromptNoneIsShownInWords()
    {
        await using var s = await OidcPeerSite.StartAsync(peer, settings: new Dictionary<string, string?> { ["AuthorizationParameters:prompt"] = null });
        using var browser = s.Site.NewBrowser();
        var authorize = await OidcPeerSite.StartAsync(browser, new Dictionary<string, string> { ["prompt"] = "none" });
        Assert.Equal("none", PendingCallback.Query(authorize, "prompt"));

        var callback = await peer.FollowToCallbackAsync(browser, authorize, s.Site.BaseUrl);
        using var response = await browser.GetAsync(callback);

        Assert.Equal("login_required", PendingCallback.Query(callback, "error"));
        Assert.Equal("/api/auth/error?error=OAuthCallbackError&providerError=login_required", response.Headers.Location?.ToString());
        var html = await PageAsync(browser, response.Headers.Location!.ToString(), ErrorCode.OAuthCallbackError);
        Assert.Contains(new PageText("ko").T("providerError.login_required"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidScopeWhenTheSiteAsksForAScopeTheClientMayNotHaveIsShownInWords()
    {
        await using var s = await OidcPeerSite.StartAsync(peer, settings: new Dictionary<string, string?> { ["Scope"] = "openid email profile admin" });
        using var browser = s.Site.NewBrowser();

        var callback = await s.CallbackAsync(peer, browser);
        using var response = await browser.GetAsync(callback);

        Assert.Equal("invalid_scope", PendingCallback.Query(callback, "error"));
        Assert.Equal("/api/auth/error?error=OAuthCallbackError&providerError=invalid_scope", response.Headers.Location?.ToString());
        var html = await PageAsync(browser, response.Headers.Location!.ToString(), ErrorCode.OAuthCallbackError);
        Assert.Contains(new PageText("ko").T("providerError.invalid_scope"), html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ko")]
    [InlineData("en")]
    [InlineData("ja")]
    [InlineData("fr")]
    public async Task TheSentenceIsInThePagesLanguage(string language)
    {
        await using var s = await OidcPeerSite.StartAsync(peer);
        using var browser = s.Site.NewBrowser();
        using var response = await browser.GetAsync(await s.CallbackAsync(peer, browser, Refuse("consent_required", HostileDescription)));

        var html = await PageAsync(browser, response.Headers.Location + "&lang=" + language, ErrorCode.OAuthCallbackError);

        Assert.Contains($"lang=\"{language}\"", html, StringComparison.Ordinal);
        Assert.Contains(new PageText(language).T("providerError.consent_required"), html, StringComparison.Ordinal);
        foreach (var other in new[] { "ko", "en", "ja", "fr" }.Where(l => l != language))
        {
            Assert.DoesNotContain(new PageText(other).T("providerError.consent_required"), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AHostileErrorDescriptionAndErrorUriAreNeverShownNorLogged()
    {
        await using var s = await OidcPeerSite.StartAsync(peer);
        using var browser = s.Site.NewBrowser();
        var callback = await s.CallbackAsync(peer, browser, Refuse("interaction_required", HostileDescription));
        // what an attacker crafting the callback adds: a link to their page (this is only a parameter value; nothing ever contacts it)
        var crafted = callback + "&error_uri=" + Uri.EscapeDataString("https://attacker.example/help?id=<b>1</b>");

        using var response = await browser.GetAsync(crafted);

        var location = response.Headers.Location!.ToString();
        Assert.Equal("/api/auth/error?error=OAuthCallbackError&providerError=interaction_required", location);
        foreach (var language in new[] { "ko", "en", "ja", "fr" })
        {
            var html = await PageAsync(browser, $"{location}&lang={language}", ErrorCode.OAuthCallbackError);
            Assert.Contains(new PageText(language).T("providerError.interaction_required"), html, StringComparison.Ordinal);
            AssertNeverShownNorLogged(s.Site, html);
        }
    }

    [Theory]
    [InlineData("account_locked")] // a provider's own code
    [InlineData("LOGIN_REQUIRED")] // codes are case-sensitive
    [InlineData("login_required%20")]
    [InlineData("login_required%3Cscript%3E")]
    public async Task AnUnlistedCodeShowsOnlyTheGenericText(string rawError)
    {
        await using var s = await OidcPeerSite.StartAsync(peer);
        using var browser = s.Site.NewBrowser();
        var callback = await s.CallbackAsync(peer, browser, Refuse("login_required", HostileDescription));

        using var response = await browser.GetAsync(WithError(callback, rawError)); // the same callback (a valid state), another error value

        Assert.Equal("/api/auth/error?error=OAuthCallbackError", response.Headers.Location?.ToString());
        var html = await PageAsync(browser, response.Headers.Location!.ToString(), ErrorCode.OAuthCallbackError);
        Assert.Contains(new PageText("ko").Error(ErrorCode.OAuthCallbackError), html, StringComparison.Ordinal);
        Assert.DoesNotContain("provider-error", html, StringComparison.Ordinal);
        AssertNeverShownNorLogged(s.Site, html);
    }

    [Theory]
    [InlineData("OAuthCallbackError", "%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("OAuthCallbackError", "Your%20account%20is%20locked")]
    [InlineData("OAuthCallbackError", "LOGIN_REQUIRED")]
    [InlineData("StateInvalid", "login_required")] // only a provider's refusal has words from the provider
    [InlineData("Default", "login_required")]
    public async Task AForgedProviderErrorOnTheErrorPageShowsNoProviderWords(string error, string rawProviderError)
    {
        await using var site = await TestSite.StartAsync(builtIns: false);
        using var browser = site.NewBrowser();
        var code = ErrorCodes.Parse(error);

        var html = await PageAsync(browser, $"/api/auth/error?error={error}&providerError={rawProviderError}", code);

        Assert.DoesNotContain("provider-error", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Your account is locked", html, StringComparison.Ordinal);
        Assert.Contains(new PageText("ko").Error(code), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessDeniedFromThePeerStillReturnsToTheSignInPage()
    {
        await using var s = await OidcPeerSite.StartAsync(peer);
        using var browser = s.Site.NewBrowser();
        var authorize = await OidcPeerSite.StartAsync(browser, new Dictionary<string, string>
        {
            ["callbackUrl"] = "/home", ["login_hint"] = "refuse:access_denied:" + HostileDescription,
        });
        var callback = await peer.FollowToCallbackAsync(browser, authorize, s.Site.BaseUrl);
        Assert.Equal("access_denied", PendingCallback.Query(callback, "error"));

        using var response = await browser.GetAsync(callback);

        Assert.Equal("/api/auth/signin?error=AccessDenied&callbackUrl=%2Fhome", response.Headers.Location?.ToString());
        using var page = await browser.GetAsync(response.Headers.Location!.ToString());
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains(new PageText("ko").Error(ErrorCode.AccessDenied), html, StringComparison.Ordinal);
        AssertNeverShownNorLogged(s.Site, html);
    }

    /// <summary>The peer's interaction refuses with <paramref name="code"/> and <paramref name="description"/> (see tests/peers/oidc-provider/server.mjs).</summary>
    private static Dictionary<string, string> Refuse(string code, string description) => new() { ["login_hint"] = $"refuse:{code}:{description}" };

    /// <summary>The error page at <paramref name="location"/>, HTML-decoded, after checking its status names <paramref name="code"/>.</summary>
    private static async Task<string> PageAsync(TestBrowser browser, string location, ErrorCode code)
    {
        using var page = await browser.GetAsync(location);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Equal(ErrorCodes.StatusCode(code), (int)page.StatusCode);
        Assert.Contains($"<code id=\"error-code\">{code}</code>", html, StringComparison.Ordinal);
        return html;
    }

    /// <summary>Neither the description, nor the link, nor any part of them on the page or in any log line.</summary>
    private static void AssertNeverShownNorLogged(TestSite site, string html)
    {
        foreach (var fragment in new[] { "attacker.example", "555-0199", "account is locked" })
        {
            Assert.DoesNotContain(fragment, html, StringComparison.Ordinal);
            var logged = site.Logs.Lines.Where(l => l.Contains(fragment, StringComparison.Ordinal)).ToList();
            Assert.True(logged.Count == 0, "logged: " + string.Join('\n', logged));
        }
    }

    private static string WithError(string callbackUrl, string rawError)
    {
        var q = callbackUrl.IndexOf('?', StringComparison.Ordinal);
        var pairs = callbackUrl[(q + 1)..].Split('&').Select(p => p.StartsWith("error=", StringComparison.Ordinal) ? "error=" + rawError : p);
        return callbackUrl[..q] + "?" + string.Join('&', pairs);
    }
}
