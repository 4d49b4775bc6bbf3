using System.Net;
using System.Text;
using Daemun.Errors;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>State-changing POSTs need this browser's double-submit CSRF token; where a person lands afterwards is relative or
/// same-origin only. Helpers (<see cref="SecuritySite"/>, <see cref="PendingCallback"/>, <see cref="Refusal"/>) are in StateTests.cs.</summary>
public sealed class CsrfAndRedirectTests
{
    private const string CsrfCookie = "daemun.csrf-token";

    public static TheoryData<string> ForgedCsrf => ["missing", "wrong", "another browser's", "another browser's, no cookie here"];

    // ---- CSRF ----

    [Theory]
    [MemberData(nameof(ForgedCsrf))]
    public async Task SignInPostWithoutThisBrowsersCsrfTokenIsMissingCsrfAndStartsNothing(string how)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        using var other = s.Site.NewBrowser();

        using var response = await browser.PostFormAsync("/api/auth/signin/google", await ForgedFormAsync(browser, other, how));

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.MissingCsrf, other.SiteCookieValues(s.Site));
        await AssertForbiddenPageAsync(browser, response);
        Assert.Null(browser.Cookie(PendingCallback.StateCookieName));
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.Contains("daemun.state", StringComparison.Ordinal));
        Assert.DoesNotContain(s.Emulator.Requests, r => r.Provider == "google"); // not even discovery
        Refusal.AssertNothingWritten(s.Site);
    }

    [Theory]
    [MemberData(nameof(ForgedCsrf))]
    public async Task SignOutPostWithoutThisBrowsersCsrfTokenIsMissingCsrfAndKeepsTheSession(string how)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        using var other = s.Site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();
        var sessionCookie = browser.Cookie("daemun.session-token")!.Value;
        if (how.EndsWith("no cookie here", StringComparison.Ordinal))
        {
            browser.Cookie(CsrfCookie)!.Expired = true;
            Assert.Null(browser.Cookie(CsrfCookie));
        }

        using var response = await browser.PostFormAsync("/api/auth/signout", await ForgedFormAsync(browser, other, how));

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.MissingCsrf, [sessionCookie, .. other.SiteCookieValues(s.Site)]);
        await AssertForbiddenPageAsync(browser, response);
        Assert.Equal(sessionCookie, browser.Cookie("daemun.session-token")?.Value);
        Assert.Equal("김민준", (await browser.SessionAsync()).GetProperty("user").GetProperty("name").GetString());
        Assert.Equal(1, s.Site.Count("sessions"));
    }

    [Fact]
    public async Task SignOutPostWithThisBrowsersCsrfTokenEndsTheSession()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();

        using var response = await browser.PostFormAsync("/api/auth/signout", [new("csrfToken", await browser.CsrfAsync())]);

        Assert.Equal("/", response.Headers.Location!.ToString());
        Assert.Equal(0, s.Site.Count("sessions"));
        Assert.False((await browser.SessionAsync()).TryGetProperty("user", out _));
    }

    [Fact]
    public async Task SignOutPageOnlyAsksForConfirmation()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();

        using var page = await browser.GetAsync("/api/auth/signout");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("name=\"csrfToken\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, s.Site.Count("sessions"));
        Assert.True((await browser.SessionAsync()).TryGetProperty("user", out _));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("NAVER")]
    public async Task SignInPostForAnUnknownProviderIsUnknownProvider(string provider)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();

        using var response = await browser.PostFormAsync($"/api/auth/signin/{provider}", [new("csrfToken", await browser.CsrfAsync())]);

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.UnknownProvider);
        using (var page = await browser.GetAsync(response.Headers.Location!.ToString())) Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Null(browser.Cookie(PendingCallback.StateCookieName));
    }

    // ---- sign-in form input ----

    [Theory]
    [InlineData("callbackUrl", 4097)]
    [InlineData("csrfToken", 257)]
    public async Task SignInFormValueOverItsLimitIsInvalidRequest(string name, int length)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var form = new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync(), [name] = "/" + new string('a', length - 1) };

        using var response = await browser.PostFormAsync("/api/auth/signin/naver", form);

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidRequest);
        Assert.Null(browser.Cookie(PendingCallback.StateCookieName));
    }

    [Theory]
    [InlineData("callbackUrl")]
    [InlineData("csrfToken")]
    public async Task SignInFormValueGivenTwiceIsInvalidRequest(string name)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var token = await browser.CsrfAsync();
        var value = name == "csrfToken" ? token : "/welcome";

        using var response = await browser.PostFormAsync("/api/auth/signin/naver",
            [new("csrfToken", token), new("callbackUrl", "/welcome"), new(name, value)]);

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidRequest);
        Assert.Null(browser.Cookie(PendingCallback.StateCookieName));
    }

    [Theory]
    [InlineData("%FF")]
    [InlineData("/welcome%C3%28")]
    public async Task SignInFormValueThatIsNotValidUtf8IsInvalidRequest(string rawCallbackUrl)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var body = $"csrfToken={Uri.EscapeDataString(await browser.CsrfAsync())}&callbackUrl={rawCallbackUrl}";
        using var request = new HttpRequestMessage(HttpMethod.Post, browser.Url("/api/auth/signin/naver"))
        {
            Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"),
        };

        using var response = await browser.SendAsync(request);

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidRequest);
        Assert.Null(browser.Cookie(PendingCallback.StateCookieName));
    }

    // ---- callbackUrl ----

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("http://127.0.0.1:{other}/")]
    [InlineData("https://127.0.0.1:{port}/")]
    [InlineData("http://evil.example@127.0.0.1:{port}/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https:evil.example")]
    [InlineData("welcome")]
    public async Task OffSiteCallbackUrlLandsThePersonOnTheBaseUrl(string callbackUrl)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();

        using var response = await browser.SignInAsync("naver", "kim", Expand(s.Site, callbackUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(s.Site.BaseUrl + "/", response.Headers.Location!.ToString());
        Assert.Equal(1, s.Site.Count("sessions"));
    }

    [Theory]
    [InlineData("/welcome?tab=2")]
    [InlineData("/")]
    [InlineData("{base}/dashboard?x=1")]
    public async Task RelativeOrSameOriginCallbackUrlIsHonoured(string callbackUrl)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var expected = Expand(s.Site, callbackUrl);

        using var response = await browser.SignInAsync("naver", "kim", expected);

        Assert.Equal(expected, response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignOutToAnOffSiteCallbackUrlLandsOnTheBaseUrl()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();

        using var response = await browser.PostFormAsync("/api/auth/signout", [new("csrfToken", await browser.CsrfAsync()), new("callbackUrl", "//evil.example/")]);

        Assert.Equal(s.Site.BaseUrl + "/", response.Headers.Location!.ToString());
        Assert.Equal(0, s.Site.Count("sessions"));
    }

    [Theory]
    [InlineData("/api/auth/signin?callbackUrl=https%3A%2F%2Fevil.example%2F")]
    [InlineData("/api/auth/signout?callbackUrl=%2F%2Fevil.example")]
    public async Task PagesNeverCarryAnOffSiteCallbackUrlIntoTheirForms(string page)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();

        using var response = await browser.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"callbackUrl\" value=\"{s.Site.BaseUrl}/\"", html, StringComparison.Ordinal);
    }

    /// <summary>The form a cross-site attacker can make the browser post: no token, a made-up one, or one issued to another browser.</summary>
    private static async Task<List<KeyValuePair<string, string>>> ForgedFormAsync(TestBrowser browser, TestBrowser other, string how)
    {
        var form = new List<KeyValuePair<string, string>> { new("callbackUrl", "/after") };
        if (!how.EndsWith("no cookie here", StringComparison.Ordinal)) await browser.CsrfAsync();
        switch (how)
        {
            case "missing": break;
            case "wrong": form.Add(new("csrfToken", Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=') + "aaaaaaaaaaa")); break;
            default: form.Add(new("csrfToken", await other.CsrfAsync())); break;
        }
        return form;
    }

    private static async Task AssertForbiddenPageAsync(TestBrowser browser, HttpResponseMessage response)
    {
        using var page = await browser.GetAsync(response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
    }

    private static string Expand(TestSite site, string url)
    {
        var port = new Uri(site.BaseUrl).Port;
        return url.Replace("{base}", site.BaseUrl, StringComparison.Ordinal)
            .Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{other}", (port == 65535 ? port - 1 : port + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
