using System.Net;
using System.Text.RegularExpressions;
using Daemun.Localization;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>Consent end to end (issue 10): a third-party app's first authorization request shows the consent page, the answer is remembered
/// per person and app, Deny gives the app <c>access_denied</c>; the account page lists connected apps, and disconnecting one (CSRF-checked,
/// the person's own only) ends the app's refresh tokens and brings the consent page back. First-party apps never ask.</summary>
public sealed partial class ConsentFlowTests(ConsentSiteFixture f) : IClassFixture<ConsentSiteFixture>
{
    private TestSite Site => f.Site;

    private async Task<TestBrowser> SignedInAsync(string person = "kim")
    {
        var browser = Site.NewBrowser();
        using var signedIn = await browser.SignInAsync("naver", person);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    private static async Task<string> ConsentPageAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && html.Contains("id=\"consent-form\"", StringComparison.Ordinal),
            $"expected the consent page, got {(int)response.StatusCode} {response.Headers.Location}");
        return html;
    }

    /// <summary>Consents as <paramref name="browser"/>'s person to <paramref name="app"/> and redeems the code: the refresh token.</summary>
    private static async Task<string> ConnectAsync(TestBrowser browser, ThirdPartyApp app)
    {
        using var page = await app.AuthorizeAsync(browser);
        using var allowed = await ThirdPartyApp.AnswerAsync(browser, await ConsentPageAsync(page), "allow");
        return await app.RedeemAsync(allowed);
    }

    private static async Task<string> AccountPageAsync(TestBrowser browser, string query = "")
    {
        using var response = await browser.GetAsync("/api/auth/account" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The connected app's list item and the action of its Disconnect form; null when the app is not listed.</summary>
    private static (string Item, string Action)? Listed(string accountPage, string clientId)
    {
        var item = AppItem().Matches(accountPage).FirstOrDefault(m => m.Groups["client"].Value == clientId);
        return item is null ? null : (item.Value, WebUtility.HtmlDecode(RevokeAction().Match(item.Value).Groups["action"].Value));
    }

    private static async Task<HttpResponseMessage> DisconnectAsync(TestBrowser browser, string action, string? csrfToken) =>
        await browser.PostFormAsync(action, csrfToken is null ? [] : [new("csrfToken", csrfToken)]);

    [Fact]
    public async Task TheConsentPageIsShownOnceThenRemembered()
    {
        var app = f.App("remember");
        using var browser = await SignedInAsync();

        using var first = await app.AuthorizeAsync(browser);
        var html = await ConsentPageAsync(first);
        Assert.Contains("<h1 id=\"consent-app\">App remember</h1>", html, StringComparison.Ordinal);
        Assert.Contains("src=\"https://remember.example/logo.png\"", html, StringComparison.Ordinal);
        Assert.Contains(new PageText("ko").T("consent.scope.offline_access"), html, StringComparison.Ordinal); // the default language
        using var allowed = await ThirdPartyApp.AnswerAsync(browser, html, "allow");
        Assert.True(app.Returned(allowed).ContainsKey("code"));

        using var second = await app.AuthorizeAsync(browser);
        Assert.True(app.Returned(second).ContainsKey("code"), "the consent was not remembered");
        using var subset = await app.AuthorizeAsync(browser, scope: "openid");
        Assert.True(app.Returned(subset).ContainsKey("code"));
        using var again = await app.AuthorizeAsync(browser, prompt: "consent");
        await ConsentPageAsync(again); // prompt=consent asks anyway
    }

    [Fact]
    public async Task AScopeBeyondTheConsentAsksAgainAndTheNewConsentCoversBoth()
    {
        var app = f.App("broader");
        using var browser = await SignedInAsync();
        await ConnectAsync(browser, app);

        using var broader = await app.AuthorizeAsync(browser, scope: "openid profile offline_access email");
        var html = await ConsentPageAsync(broader);
        Assert.Contains("data-scope=\"email\"", html, StringComparison.Ordinal);
        using var allowed = await ThirdPartyApp.AnswerAsync(browser, html, "allow");
        Assert.True(app.Returned(allowed).ContainsKey("code"));

        using var narrower = await app.AuthorizeAsync(browser);
        Assert.True(app.Returned(narrower).ContainsKey("code"));
        var listed = Listed(await AccountPageAsync(browser), "broader");
        Assert.NotNull(listed);
        Assert.Equal(1, AppItem().Matches(await AccountPageAsync(browser)).Count(m => m.Groups["client"].Value == "broader")); // one entry per app
        Assert.Contains("data-scope=\"email\"", listed.Value.Item, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstPartyAppsSkipTheConsentPage()
    {
        var app = f.App(ConsentSiteFixture.FirstParty);
        using var browser = await SignedInAsync();

        using var response = await app.AuthorizeAsync(browser);

        Assert.True(app.Returned(response).ContainsKey("code"));
        Assert.Null(Listed(await AccountPageAsync(browser), ConsentSiteFixture.FirstParty));
    }

    [Fact]
    public async Task DenyGivesTheAppAccessDeniedAndRemembersNothing()
    {
        var app = f.App("deny");
        using var browser = await SignedInAsync();

        using var page = await app.AuthorizeAsync(browser);
        using var denied = await ThirdPartyApp.AnswerAsync(browser, await ConsentPageAsync(page), "deny");

        var returned = app.Returned(denied);
        Assert.Equal("access_denied", returned["error"]);
        Assert.False(returned.ContainsKey("code"));
        using var again = await app.AuthorizeAsync(browser);
        await ConsentPageAsync(again);
    }

    [Fact]
    public async Task AnAllowWithoutThisBrowsersCsrfTokenGrantsNothing()
    {
        var app = f.App("forged");
        using var browser = await SignedInAsync();
        using var page = await app.AuthorizeAsync(browser);
        var html = await ConsentPageAsync(page);

        using var forged = await ThirdPartyApp.AnswerAsync(browser, html, "allow", fields => fields.RemoveAll(p => p.Key == "csrfToken"));
        using var wrong = await ThirdPartyApp.AnswerAsync(browser, html, "allow", fields =>
        {
            fields.RemoveAll(p => p.Key == "csrfToken");
            fields.Add(new("csrfToken", "another-browsers-token"));
        });

        foreach (var response in new[] { forged, wrong })
        {
            Assert.False(response.Headers.Location?.ToString().StartsWith(app.RedirectUri, StringComparison.Ordinal) ?? false, "a forged consent reached the app");
        }
        using var again = await app.AuthorizeAsync(browser);
        await ConsentPageAsync(again); // nothing was remembered
    }

    [Fact]
    public async Task TheAccountPageListsConnectedAppsWithWhatTheyMayAccess()
    {
        var app = f.App("listed");
        using var browser = await SignedInAsync();
        await ConnectAsync(browser, app);

        var page = await AccountPageAsync(browser, "?lang=en");

        var listed = Listed(page, "listed");
        Assert.NotNull(listed);
        var (item, action) = listed.Value;
        Assert.Contains("<strong>&lt;b&gt;Listed&lt;/b&gt; &amp; &quot;Co&quot;</strong>", item, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Listed</b>", page, StringComparison.Ordinal);
        Assert.Contains($">{new PageText("en").T("consent.scope.profile")}</li>", item, StringComparison.Ordinal);
        Assert.Contains($">{WebUtility.HtmlEncode(new PageText("en").T("consent.scope.offline_access")).Replace("&#39;", "&#x27;", StringComparison.Ordinal)}</li>", item, StringComparison.Ordinal);
        Assert.Matches("^/api/auth/account/connected-apps/[^/]+/revoke$", action);
        Assert.Contains("name=\"csrfToken\"", item, StringComparison.Ordinal);
        Assert.True(page.IndexOf("id=\"connected-apps\"", StringComparison.Ordinal) < page.IndexOf("id=\"delete\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DisconnectingAnAppEndsItsRefreshTokensAndAsksConsentAgain()
    {
        var app = f.App("revoke");
        using var browser = await SignedInAsync();
        var refreshToken = await ConnectAsync(browser, app);
        var (rotated, error) = await app.RefreshAsync(refreshToken);
        Assert.True(rotated is not null, $"the refresh token did not work before the disconnect: {error}");

        var (_, action) = Listed(await AccountPageAsync(browser), "revoke") ?? throw new InvalidOperationException("not listed");
        using var disconnected = await DisconnectAsync(browser, action, await browser.CsrfAsync());

        Assert.Equal(HttpStatusCode.Redirect, disconnected.StatusCode);
        Assert.Equal("/api/auth/account?done=appDisconnected&client=revoke", disconnected.Headers.Location!.ToString());
        var page = await AccountPageAsync(browser, "?done=appDisconnected&client=revoke&lang=en");
        Assert.Contains(new PageText("en").T("connectedApps.revoked", "App revoke"), page, StringComparison.Ordinal);
        Assert.Null(Listed(page, "revoke"));
        Assert.Equal((null, "invalid_grant"), await app.RefreshAsync(rotated));
        using var again = await app.AuthorizeAsync(browser);
        await ConsentPageAsync(again);
    }

    [Fact]
    public async Task DisconnectingWithoutTheCsrfTokenIsRefusedAndChangesNothing()
    {
        var app = f.App("nocsrf");
        using var browser = await SignedInAsync();
        var refreshToken = await ConnectAsync(browser, app);
        var (_, action) = Listed(await AccountPageAsync(browser), "nocsrf") ?? throw new InvalidOperationException("not listed");

        using var missing = await DisconnectAsync(browser, action, null);
        using var wrong = await DisconnectAsync(browser, action, "not-this-browsers-token");

        Assert.Equal("MissingCsrf", TestBrowser.ErrorCodeOf(missing));
        Assert.Equal("MissingCsrf", TestBrowser.ErrorCodeOf(wrong));
        Assert.NotNull(Listed(await AccountPageAsync(browser), "nocsrf"));
        var (rotated, error) = await app.RefreshAsync(refreshToken);
        Assert.True(rotated is not null, $"the refresh token stopped working: {error}");
    }

    [Fact]
    public async Task DisconnectingAnotherPersonsAppIsRefusedAndChangesNothing()
    {
        var app = f.App("others");
        using var kim = await SignedInAsync("kim");
        var refreshToken = await ConnectAsync(kim, app);
        var (_, kimsAction) = Listed(await AccountPageAsync(kim), "others") ?? throw new InvalidOperationException("not listed");
        using var lee = await SignedInAsync("lee");

        using var refused = await DisconnectAsync(lee, kimsAction, await lee.CsrfAsync());

        Assert.Equal("InvalidRequest", TestBrowser.ErrorCodeOf(refused));
        Assert.NotNull(Listed(await AccountPageAsync(kim), "others"));
        var (rotated, error) = await app.RefreshAsync(refreshToken);
        Assert.True(rotated is not null, $"kim's refresh token stopped working: {error}");
        using var stillRemembered = await app.AuthorizeAsync(kim);
        Assert.True(app.Returned(stillRemembered).ContainsKey("code"));
    }

    [Fact]
    public async Task DisconnectingWithoutASessionIsRefused()
    {
        using var browser = Site.NewBrowser();

        using var response = await DisconnectAsync(browser, "/api/auth/account/connected-apps/anything/revoke", await browser.CsrfAsync());

        Assert.Equal("SessionRequired", TestBrowser.ErrorCodeOf(response));
    }

    [GeneratedRegex("<li data-client=\"(?<client>[^\"]*)\".*?</form></li>", RegexOptions.Singleline)]
    private static partial Regex AppItem();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\"")]
    private static partial Regex RevokeAction();
}
