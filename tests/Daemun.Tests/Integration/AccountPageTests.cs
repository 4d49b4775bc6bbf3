using System.Net;
using System.Text.RegularExpressions;
using Daemun.Localization;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>The account page (<c>GET /account</c>): profile, every provider with connect (the link flow) or disconnect (after a confirmation page
/// whose CSRF form POSTs to <c>/account/unlink/{provider}</c>); the only way to sign in cannot be disconnected; all of it localized.</summary>
public sealed partial class AccountPageTests
{
    private static string T(string language, string key, params object?[] args) => new PageText(language).T(key, args);

    private static async Task<string> PageAsync(TestBrowser browser, string path, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, browser.Url(path));
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        using var response = await browser.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The form whose action is <paramref name="action"/>: its hidden fields, decoded.</summary>
    private static Dictionary<string, string> Form(string html, string action)
    {
        var match = FormRegex().Matches(html).FirstOrDefault(m => WebUtility.HtmlDecode(m.Groups["action"].Value) == action);
        Assert.True(match is not null, $"no form posting to {action}");
        return HiddenRegex().Matches(match.Groups["body"].Value)
            .ToDictionary(h => h.Groups["name"].Value, h => WebUtility.HtmlDecode(h.Groups["value"].Value));
    }

    /// <summary>The list item of one provider on the account page.</summary>
    private static string Item(string html, string provider)
    {
        var match = ItemRegex().Matches(html).FirstOrDefault(m => m.Groups["id"].Value == provider);
        Assert.True(match is not null, $"no list item for {provider}");
        return match.Value;
    }

    private static async Task<TestBrowser> NaverAndKakaoAsync(TestSite site)
    {
        var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();
        (await browser.LinkAsync("kakao", "kim")).Dispose();
        Assert.Equal(2, site.Count("accounts"));
        return browser;
    }

    [Fact]
    public async Task WithoutASessionTheAccountPagesRedirectToSignInWithTheAccountPageAsCallback()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        foreach (var path in new[] { "/api/auth/account", "/api/auth/account/unlink/kakao", "/api/auth/account/delete" })
        {
            using var response = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/api/auth/signin?callbackUrl=%2Fapi%2Fauth%2Faccount", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task SignedInWithNaverThePageShowsTheProfileNaverLinkedAndAConnectFormForEveryOtherProvider()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();
        var userId = (string)site.Scalar("SELECT id FROM users")!;

        var html = await PageAsync(browser, "/api/auth/account");

        Assert.Contains("<html lang=\"ko\">", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"profile-name\">김민준</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"profile-email\">minjun.kim@example.com</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<code id=\"profile-user-id\">{userId}</code>", html, StringComparison.Ordinal);
        Assert.Matches("<img id=\"profile-image\" src=\"[^\"]+\"", html);
        // every configured provider, in order
        Assert.Equal(["naver", "kakao", "google", "github"], ItemRegex().Matches(html).Select(m => m.Groups["id"].Value));
        var naver = Item(html, "naver");
        Assert.Contains(T("ko", "account.linked"), naver, StringComparison.Ordinal);
        Assert.Contains("김민준", naver, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", naver, StringComparison.Ordinal);
        var csrf = await browser.CsrfAsync();
        foreach (var id in new[] { "kakao", "google", "github" })
        {
            var item = Item(html, id);
            Assert.Contains(T("ko", "account.notLinked"), item, StringComparison.Ordinal);
            Assert.Contains($"id=\"connect-{id}\"", item, StringComparison.Ordinal);
            var form = Form(item, $"/api/auth/signin/{id}");
            Assert.Equal(csrf, form["csrfToken"]);
            Assert.Equal("/api/auth/account", form["callbackUrl"]);
            Assert.Equal("link", form["intent"]); // the only way a sign-in links to the signed-in user
        }
        Assert.Contains("href=\"/api/auth/account/delete\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOnlyLinkedProviderHasNoDisconnectButtonButAnExplanation()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();

        var naver = Item(await PageAsync(browser, "/api/auth/account"), "naver");

        Assert.Contains(T("ko", "account.lastAccount", T("ko", "provider.naver")), WebUtility.HtmlDecode(naver), StringComparison.Ordinal);
        Assert.DoesNotContain("disconnect-naver", naver, StringComparison.Ordinal);
        Assert.DoesNotContain("/account/unlink/naver", naver, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectingKakaoFromThePageLinksItToTheSameUserAndComesBackToThePage()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();
        var form = Form(Item(await PageAsync(browser, "/api/auth/account"), "kakao"), "/api/auth/signin/kakao");

        using var start = await browser.PostFormAsync("/api/auth/signin/kakao", form);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var callback = await browser.ConsentAsync(start.Headers.Location!.ToString(), "kim");
        using var landed = await browser.GetAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/api/auth/account", landed.Headers.Location!.ToString());
        Assert.Equal(1, site.Count("users"));
        Assert.Equal(1, site.Count("accounts", "provider = 'kakao'"));
        var html = await PageAsync(browser, "/api/auth/account");
        var kakao = Item(html, "kakao");
        Assert.Contains(T("ko", "account.linked"), kakao, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", kakao, StringComparison.Ordinal);
        // two ways to sign in: each can now be disconnected, through its confirmation page
        Assert.Contains("href=\"/api/auth/account/unlink/kakao\"", kakao, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/auth/account/unlink/naver\"", Item(html, "naver"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"last-account\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDisconnectConfirmationPostsToTheUnlinkEndpointWhichUnlinksAndShowsTheSuccessNotice()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = await NaverAndKakaoAsync(site);

        var page = await PageAsync(browser, "/api/auth/account/unlink/kakao");
        Assert.Contains(T("ko", "account.unlinkQuestion", T("ko", "provider.kakao")), WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("<a href=\"/api/auth/account\" id=\"cancel\">", page, StringComparison.Ordinal);
        var form = Form(page, "/api/auth/account/unlink/kakao");
        Assert.Equal(await browser.CsrfAsync(), form["csrfToken"]);
        Assert.Equal("/api/auth/account?done=unlinked&provider=kakao", form["callbackUrl"]);
        Assert.Equal(1, site.Count("accounts", "provider = 'kakao'")); // the GET changes nothing

        using var posted = await browser.PostFormAsync("/api/auth/account/unlink/kakao", form);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/api/auth/account?done=unlinked&provider=kakao", posted.Headers.Location!.ToString());
        Assert.Equal(0, site.Count("accounts", "provider = 'kakao'"));
        Assert.Equal(1, site.Count("accounts", "provider = 'naver'"));
        var html = await PageAsync(browser, posted.Headers.Location!.ToString());
        Assert.Contains($"<div class=\"notice\" role=\"status\" id=\"account-notice\">{T("ko", "account.unlinked", T("ko", "provider.kakao"))}</div>",
            WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("id=\"connect-kakao\"", Item(html, "kakao"), StringComparison.Ordinal);
        Assert.Contains("id=\"last-account\"", Item(html, "naver"), StringComparison.Ordinal); // naver is now the only one
    }

    [Fact]
    public async Task AnErrorCodeInTheQueryIsShownLocalizedAndAnythingElseIsIgnored()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();

        var html = WebUtility.HtmlDecode(await PageAsync(browser, "/api/auth/account?error=LastAccount&lang=fr"));
        var ignored = await PageAsync(browser, "/api/auth/account?error=3&done=unlinked&provider=nope");

        Assert.Contains($"{T("fr", "error.LastAccount")} <code>LastAccount</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"account-error\"", ignored, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"account-notice\"", ignored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDeleteConfirmationPostsToTheDeleteEndpointWhichDeletesTheUser()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();

        var page = await PageAsync(browser, "/api/auth/account/delete");
        Assert.Contains(T("ko", "account.deleteQuestion"), WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var form = Form(page, "/api/auth/account/delete");
        Assert.Equal("/", form["callbackUrl"]);
        Assert.Equal(1, site.Count("users"));

        using var posted = await browser.PostFormAsync("/api/auth/account/delete", form);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/", posted.Headers.Location!.ToString());
        Assert.Equal(0, site.Count("users"));
    }

    [Fact]
    public async Task ThePagesAreInEnglishWithLangEnAndInJapaneseFromAcceptLanguage()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = await NaverAndKakaoAsync(site);

        foreach (var path in new[] { "/api/auth/account", "/api/auth/account/unlink/kakao", "/api/auth/account/delete" })
        {
            var en = await PageAsync(browser, path + "?lang=en");
            Assert.Contains("<html lang=\"en\">", en, StringComparison.Ordinal);
            // no Hangul except the person's own names
            var withoutNames = en.Replace("김민준", "", StringComparison.Ordinal).Replace("민준", "", StringComparison.Ordinal);
            Assert.False(Hangul().IsMatch(withoutNames), $"{path}: English page contains Hangul: {Hangul().Match(withoutNames).Value}");
            var ja = await PageAsync(browser, path + "?lang=ja");
            Assert.Contains("<html lang=\"ja\">", ja, StringComparison.Ordinal);
        }
        var english = WebUtility.HtmlDecode(await PageAsync(browser, "/api/auth/account?lang=en"));
        Assert.Contains(T("en", "account.title"), english, StringComparison.Ordinal);
        Assert.Contains("Disconnect Kakao", english, StringComparison.Ordinal);
        Assert.Contains("Connect Google", english, StringComparison.Ordinal);
        Assert.Contains("Disconnect Kakao? You will no longer be able to sign in with it.",
            WebUtility.HtmlDecode(await PageAsync(browser, "/api/auth/account/unlink/kakao?lang=en")), StringComparison.Ordinal);

        using var japanese = site.NewBrowser(); // no language cookie: Accept-Language decides
        (await japanese.SignInAsync("naver", "kim")).Dispose(); // the same user, Naver and Kakao linked
        var ja2 = WebUtility.HtmlDecode(await PageAsync(japanese, "/api/auth/account", "ja-JP,ja;q=0.9,en;q=0.5"));
        Assert.Contains("<html lang=\"ja\">", ja2, StringComparison.Ordinal);
        Assert.Contains(T("ja", "account.title"), ja2, StringComparison.Ordinal);
        Assert.Contains(T("ja", "account.disconnect", T("ja", "provider.kakao")), ja2, StringComparison.Ordinal);
        Assert.Contains(T("ja", "account.connect", "Google"), ja2, StringComparison.Ordinal);
        Assert.DoesNotContain(T("ko", "account.title"), ja2, StringComparison.Ordinal);
    }

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\"[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormRegex();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenRegex();

    [GeneratedRegex("<li data-provider=\"(?<id>[^\"]+)\".*?</li>", RegexOptions.Singleline)]
    private static partial Regex ItemRegex();

    [GeneratedRegex(@"[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]")]
    private static partial Regex Hangul();
}
