using System.Net;
using Daemun.Errors;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>A sign-in links a new account to the signed-in user only on that user's explicit intent (the account page's connect, bound into
/// the sign-in's state) or their answer on the choice page. Being signed in is not consent: a session cookie planted in the victim's browser
/// (plain http, a sibling subdomain) must never make the victim's account the attacker's. Both stores.</summary>
public sealed class AccountLinkingTests
{
    private const string SessionCookie = "daemun.session-token";
    private const string PendingCookie = "daemun.pending-sign-in";

    [Fact]
    public async Task APlantedSessionCookieNeverLinksTheVictimsNewAccountToTheAttacker()
    {
        await using var site = await StartSiteAsync();
        using var attacker = site.NewBrowser();
        await SignInOkAsync(site, attacker, "naver", "kim");
        var attackerId = (string)site.Scalar("SELECT id FROM users")!;
        using var victim = site.NewBrowser();
        Plant(site, victim, attacker.Cookie(SessionCookie)!.Value);

        using var callback = await victim.SignInAsync("kakao", "jane");

        Assert.True(TestBrowserLinking.IsChoice(callback), $"expected the choice page: {callback.Headers.Location}\n{site.Logs.All}");
        Assert.Equal(0, site.Count("accounts", "provider = 'kakao'")); // nothing written before the answer
        Assert.Equal(1, site.Count("accounts", $"user_id = '{attackerId}'"));
        // the page names whom a link would go to, so the victim can see it is not them
        using (var page = await victim.GetAsync(callback.Headers.Location!.OriginalString))
        {
            var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(new Daemun.Localization.PageText("ko").T("choice.link", "카카오", "김민준"), html, StringComparison.Ordinal);
            Assert.Contains("id=\"choice-new\"", html, StringComparison.Ordinal);
        }

        using var answered = await victim.AnswerChoiceAsync(callback.Headers.Location!.OriginalString, "new");

        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Null(TestBrowser.ErrorCodeOf(answered));
        var victimId = (string)site.Scalar("SELECT user_id FROM accounts WHERE provider = 'kakao'")!;
        Assert.NotEqual(attackerId, victimId);
        Assert.Equal(1, site.Count("accounts", $"user_id = '{attackerId}'"));
        Assert.Equal(victimId, await UserIdAsync(victim));
        Assert.Equal(1, site.Count("sessions")); // the planted session was the one the victim's new session replaced
        Refusal.AssertNoServerError(site);
    }

    [Fact]
    public async Task AnsweringLinkOnTheChoicePageLinksTheAccountToTheSignedInUser()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");
        var userId = await UserIdAsync(browser);
        using var callback = await browser.SignInAsync("kakao", "kim", "/after");
        Assert.True(TestBrowserLinking.IsChoice(callback), $"{callback.Headers.Location}\n{site.Logs.All}");
        Assert.NotNull(browser.Cookie(PendingCookie));

        using var answered = await browser.AnswerChoiceAsync(callback.Headers.Location!.OriginalString, "link");

        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal("/after", answered.Headers.Location!.OriginalString);
        Assert.Equal(1, site.Count("users"));
        Assert.Equal(1, site.Count("accounts", $"provider = 'kakao' AND user_id = '{userId}'"));
        Assert.Equal(userId, await UserIdAsync(browser));
        Assert.Null(browser.Cookie(PendingCookie));
        Assert.Equal(0, site.Count("sign_in_requests"));
    }

    [Fact]
    public async Task TheChoicePageIsInTheFourLanguages()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");
        using var callback = await browser.SignInAsync("kakao", "kim");
        var choice = callback.Headers.Location!.OriginalString;

        foreach (var lang in new[] { "ko", "en", "ja", "fr" })
        {
            using var page = await browser.GetAsync(choice + "&lang=" + lang);
            var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
            var t = new Daemun.Localization.PageText(lang);
            Assert.Contains($"<html lang=\"{lang}\">", html, StringComparison.Ordinal);
            Assert.Contains(t.T("choice.title"), html, StringComparison.Ordinal);
            Assert.Contains(t.T("choice.new"), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnsweringNewWhenTheAccountsEmailBelongsToAnotherUserIsRefusedAndSignsOut()
    {
        await using var site = await StartSiteAsync();
        using var owner = site.NewBrowser();
        await SignInOkAsync(site, owner, "naver", "kim");
        using var other = site.NewBrowser();
        await SignInOkAsync(site, other, "kakao", "jane");
        using var callback = await other.SignInAsync("google", "kim"); // kim's address: the no-session rules refuse it

        using var answered = await other.AnswerChoiceAsync(callback.Headers.Location!.OriginalString, "new");

        Assert.Equal("OAuthAccountNotLinked", TestBrowser.ErrorCodeOf(answered));
        Assert.Equal(0, site.Count("accounts", "provider = 'google'"));
        Assert.False((await other.SessionAsync()).TryGetProperty("user", out _)); // signed out as asked
    }

    [Fact]
    public async Task ALinkIntentIsRefusedWhenAnotherUsersSessionCompletesIt()
    {
        await using var site = await StartSiteAsync();
        using var attacker = site.NewBrowser();
        await SignInOkAsync(site, attacker, "github", "jane");
        var attackerId = await UserIdAsync(attacker);
        using var victim = site.NewBrowser();
        await SignInOkAsync(site, victim, "naver", "kim");
        using var start = await victim.PostLinkStartAsync("kakao");
        var callback = await victim.ConsentAsync(start.Headers.Location!.ToString(), "kim");
        Plant(site, victim, attacker.Cookie(SessionCookie)!.Value); // swapped between the start and the callback

        using var response = await victim.GetAsync(callback);

        await Refusal.AssertAsync(site, victim, response, ErrorCode.StateInvalid);
        Assert.Equal(0, site.Count("accounts", "provider = 'kakao'"));
        Assert.Equal(1, site.Count("accounts", $"user_id = '{attackerId}'"));
    }

    [Fact]
    public async Task ALinkIntentNeedsASignedInPersonAtTheStartAndStillAtTheCallback()
    {
        await using var site = await StartSiteAsync();
        using var anonymous = site.NewBrowser();
        using (var start = await anonymous.PostLinkStartAsync("kakao"))
        {
            await Refusal.AssertAsync(site, anonymous, start, ErrorCode.SessionRequired);
        }

        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");
        using var linkStart = await browser.PostLinkStartAsync("kakao");
        var callback = await browser.ConsentAsync(linkStart.Headers.Location!.ToString(), "kim");
        using (var signOut = await browser.PostFormAsync("/api/auth/signout", [new("csrfToken", await browser.CsrfAsync())])) { }

        using var response = await browser.GetAsync(callback);

        await Refusal.AssertAsync(site, browser, response, ErrorCode.SessionRequired);
        Assert.Equal(0, site.Count("accounts", "provider = 'kakao'"));
    }

    [Fact]
    public async Task AnsweringLinkFromAnotherUsersSessionIsRefused()
    {
        await using var site = await StartSiteAsync();
        using var attacker = site.NewBrowser();
        await SignInOkAsync(site, attacker, "github", "jane");
        using var victim = site.NewBrowser();
        await SignInOkAsync(site, victim, "naver", "kim");
        using var callback = await victim.SignInAsync("kakao", "kim");
        var choice = callback.Headers.Location!.OriginalString;
        Plant(site, victim, attacker.Cookie(SessionCookie)!.Value); // the session changed while the question was open

        using var answered = await victim.AnswerChoiceAsync(choice, "link");

        await Refusal.AssertAsync(site, victim, answered, ErrorCode.StateInvalid);
        Assert.Equal(0, site.Count("accounts", "provider = 'kakao'"));
    }

    [Fact]
    public async Task APendingChoiceIsSingleUse()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");
        var userId = await UserIdAsync(browser);
        using var callback = await browser.SignInAsync("kakao", "kim");
        var choice = callback.Headers.Location!.OriginalString;
        var pending = browser.Cookie(PendingCookie)!.Value;
        using (var first = await browser.AnswerChoiceAsync(choice, "link")) Assert.Null(TestBrowser.ErrorCodeOf(first));
        browser.Cookies.Add(new Uri(site.BaseUrl), new Cookie(PendingCookie, pending)); // replayed

        using var replay = await browser.AnswerChoiceAsync(choice, "new");

        await Refusal.AssertAsync(site, browser, replay, ErrorCode.StateReplayed, pending);
        Assert.Equal(1, site.Count("users"));
        Assert.Equal(1, site.Count("accounts", $"provider = 'kakao' AND user_id = '{userId}'"));
    }

    [Fact]
    public async Task APendingChoiceExpiresWithTheStateLifetime()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");
        using var callback = await browser.SignInAsync("kakao", "kim");
        var choice = callback.Headers.Location!.OriginalString;
        using (var page = await browser.GetAsync(choice)) Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var pending = browser.Cookie(PendingCookie)!.Value;
        site.Clock.Advance(TimeSpan.FromMinutes(16)); // StateLifetime is 15 minutes
        browser.Cookies.Add(new Uri(site.BaseUrl), new Cookie(PendingCookie, pending)); // a browser that keeps the cookie longer than asked

        using var answered = await browser.AnswerChoiceAsync(choice, "link");

        await Refusal.AssertAsync(site, browser, answered, ErrorCode.StateExpired, pending);
        Assert.Equal(0, site.Count("accounts", "provider = 'kakao'"));
    }

    [Fact]
    public async Task AChoiceWithoutAPendingSignInOrWithoutTheCsrfTokenIsRefused()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");
        using var callback = await browser.SignInAsync("kakao", "kim");

        using (var forged = await browser.PostFormAsync(TestBrowserLinking.ChoicePath, [new("answer", "link")]))
        {
            await Refusal.AssertAsync(site, browser, forged, ErrorCode.MissingCsrf);
        }
        using var other = site.NewBrowser();
        await SignInOkAsync(site, other, "google", "jane");
        using (var noPending = await other.AnswerChoiceAsync(callback.Headers.Location!.OriginalString, "link"))
        {
            await Refusal.AssertAsync(site, other, noPending, ErrorCode.StateMissing);
        }
        Assert.Equal(0, site.Count("accounts", "provider = 'kakao'"));
    }

    [Fact]
    public async Task WithoutADatabaseNothingChanges()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Store:Provider"] = "none", ["Daemun:Session:Strategy"] = "Cookie" });
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");

        using var callback = await browser.SignInAsync("kakao", "kim", "/after");

        Assert.Equal("/after", callback.Headers.Location!.OriginalString); // no choice page, no linking: there is nothing to link to
        Assert.Null(browser.Cookie(PendingCookie));
    }

    [Fact]
    public async Task WithoutADatabaseAPlantedPendingSignInIsStateMissing()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Store:Provider"] = "none", ["Daemun:Session:Strategy"] = "Cookie" });
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");
        browser.Cookies.Add(new Uri(site.BaseUrl), new Cookie(PendingCookie, "planted-pending-key") { Path = "/" }); // nothing is ever held without a database

        using var answered = await browser.AnswerChoiceAsync(TestBrowserLinking.ChoicePath + "?provider=kakao", "link");

        await Refusal.AssertAsync(site, browser, answered, ErrorCode.StateMissing);
    }

    private static Task<TestSite> StartSiteAsync() =>
        TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:ProviderTimeout"] = "00:00:30" });

    /// <summary>Sets a session cookie in a browser as an attacker able to write cookies for the site would (plain http, a sibling subdomain).</summary>
    private static void Plant(TestSite site, TestBrowser browser, string sessionToken) =>
        browser.Cookies.Add(new Uri(site.BaseUrl), new Cookie(SessionCookie, sessionToken) { Path = "/" });

    private static async Task SignInOkAsync(TestSite site, TestBrowser browser, string provider, string person)
    {
        using var callback = await browser.SignInAsync(provider, person);
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect && TestBrowser.ErrorCodeOf(callback) is null && !TestBrowserLinking.IsChoice(callback),
            $"sign-in failed: {(int)callback.StatusCode} {callback.Headers.Location}\n{site.Logs.All}");
    }

    private static async Task<string> UserIdAsync(TestBrowser browser)
    {
        var session = await browser.SessionAsync();
        Assert.True(session.TryGetProperty("user", out var user), $"not signed in: {session}");
        return user.GetProperty("id").GetString()!;
    }
}
