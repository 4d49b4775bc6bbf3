using System.Net;
using System.Text.Json;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Tests.Integration;

/// <summary><c>RequireRecentSignIn(TimeSpan)</c>: sensitive pages send the person through their provider again with its re-authentication
/// parameters, and let them through afterwards. The standalone server's <c>/me/private</c> requires a sign-in within 5 minutes.</summary>
public sealed class ReauthenticationTests
{
    private const string Sensitive = "/me/private";

    private static async Task<HttpResponseMessage> GetPageAsync(TestBrowser browser, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, browser.Url(path));
        request.Headers.Accept.ParseAdd("text/html");
        return await browser.SendAsync(request);
    }

    /// <summary>POST /signin/{provider} as the re-authentication page's form does; returns the provider's authorization URL.</summary>
    private static async Task<string> StartAsync(TestBrowser browser, string provider, params (string Name, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync(), ["callbackUrl"] = Sensitive };
        foreach (var (name, value) in fields) form[name] = value;
        using var response = await browser.PostFormAsync($"/api/auth/signin/{provider}", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    private static Dictionary<string, string> Query(string url) =>
        QueryHelpers.ParseQuery(new Uri(url).Query).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());

    [Fact]
    public async Task AFreshSignInOpensTheSensitivePage()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver")).Dispose();

        using var page = await GetPageAsync(browser, Sensitive);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var json = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("naver", json.GetProperty("provider").GetString());
        Assert.Equal(site.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("authenticatedAt").GetString());
    }

    [Fact]
    public async Task AnOlderSignInIsSentToTheReauthenticationPageAndApisGet403()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver")).Dispose();
        site.Clock.Advance(TimeSpan.FromMinutes(6));

        using var page = await GetPageAsync(browser, Sensitive);
        using var api = await browser.GetAsync(Sensitive);
        using var ordinary = await browser.GetAsync("/me");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/api/auth/reauthenticate?callbackUrl=%2Fme%2Fprivate", page.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("ReauthenticationRequired", JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, ordinary.StatusCode); // pages without the policy are unaffected
    }

    [Fact]
    public async Task NaverStepUpUsesAuthTypeReauthenticateThenLetsThePersonThrough()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver")).Dispose();
        var userId = site.Scalar("SELECT id FROM users");
        site.Clock.Advance(TimeSpan.FromMinutes(6));

        using var reauthPage = await browser.GetAsync("/api/auth/reauthenticate?callbackUrl=%2Fme%2Fprivate");
        var html = await reauthPage.Content.ReadAsStringAsync();
        Assert.Contains("action=\"/api/auth/signin/naver\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"reauthenticate\" value=\"true\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("signin/kakao", html, StringComparison.Ordinal); // the provider the session came from

        var authorize = await StartAsync(browser, "naver", ("reauthenticate", "true"));
        Assert.Equal("reauthenticate", Query(authorize)["auth_type"]);
        using (var consent = await browser.GetAsync(authorize))
            Assert.Contains("Re-enter password", await consent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var callback = await browser.GetAsync(await browser.ConsentAsync(authorize));
        Assert.Equal(Sensitive, callback.Headers.Location!.ToString());

        using var page = await GetPageAsync(browser, Sensitive);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(userId, site.Scalar("SELECT id FROM users"));
        Assert.Equal(site.Clock.GetUtcNow().ToUnixTimeMilliseconds(), site.Scalar("SELECT authenticated_at FROM sessions"));
    }

    [Theory]
    [InlineData("kakao", "prompt", "login")]
    [InlineData("google", "prompt", "login")]
    [InlineData("google", "max_age", "0")]
    public async Task EachProviderIsAskedToReauthenticateInItsOwnWords(string provider, string parameter, string value)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync(provider)).Dispose();
        site.Clock.Advance(TimeSpan.FromMinutes(6));

        var authorize = await StartAsync(browser, provider, ("reauthenticate", "true"));
        Assert.Equal(value, Query(authorize)[parameter]);
        using var callback = await browser.GetAsync(await browser.ConsentAsync(authorize));
        Assert.Equal(Sensitive, callback.Headers.Location!.ToString());
        using var page = await GetPageAsync(browser, Sensitive);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task APlainSignInDoesNotAskForReauthentication()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        var authorize = await StartAsync(browser, "naver");

        Assert.False(Query(authorize).ContainsKey("auth_type"));
    }

    [Fact]
    public async Task AnOidcProviderThatDidNotReauthenticateIsCaughtByItsAuthTime()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("google")).Dispose(); // the emulator now has a Google session for kim
        site.Clock.Advance(TimeSpan.FromMinutes(6));

        // a provider that ignores prompt=login/max_age=0 answers from its old session: auth_time is 6 minutes old
        var authorize = await StartAsync(browser, "google", ("reauthenticate", "true"));
        var ignored = QueryHelpers.AddQueryString(authorize.Split('?')[0],
            Query(authorize).Where(kv => kv.Key is not "prompt" and not "max_age").ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        using var callback = await browser.GetAsync(await browser.ConsentAsync(ignored));

        Assert.Equal("ReauthenticationFailed", TestBrowser.ErrorCodeOf(callback));
        using var page = await GetPageAsync(browser, Sensitive);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode); // still not let through
    }

    [Fact]
    public async Task WithoutASessionTheReauthenticationPageIsTheSignInPage()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        using var page = await browser.GetAsync("/api/auth/reauthenticate?callbackUrl=%2Fme%2Fprivate");
        using var sensitive = await GetPageAsync(browser, Sensitive);

        Assert.Equal("/api/auth/signin?callbackUrl=%2Fme%2Fprivate", page.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, sensitive.StatusCode);
        Assert.StartsWith("/api/auth/signin?", sensitive.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KakaoPromptAndLoginHintPassThroughFromTheSignInCallButOnlyWhereDeclared()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        var kakao = Query(await StartAsync(browser, "kakao", ("prompt", "select_account"), ("login_hint", "minjun.kim@example.com")));
        var naver = Query(await StartAsync(browser, "naver", ("prompt", "select_account"), ("login_hint", "minjun.kim@example.com")));

        Assert.Equal("select_account", kakao["prompt"]);
        Assert.Equal("minjun.kim@example.com", kakao["login_hint"]);
        Assert.False(naver.ContainsKey("prompt"));
        Assert.False(naver.ContainsKey("login_hint"));
    }
}
