using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>The JSON and HTML shapes Auth.js clients rely on (<c>/csrf</c>, <c>/providers</c>, <c>/session</c>, the sign-in page, <c>X-Auth-Return-Redirect</c>).</summary>
public sealed partial class EndpointShapeTests
{
    private static readonly string[] BuiltIns = ["naver", "kakao", "google", "github"];

    [Fact]
    public async Task CsrfAnswersWithOnlyTheTokenAndKeepsItForTheBrowser()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();

        using var response = await browser.GetAsync("/api/auth/csrf");
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["csrfToken"], Names(json));
        var token = json.GetProperty("csrfToken").GetString()!;
        Assert.True(token.Length >= 43);
        Assert.NotNull(browser.Cookie("daemun.csrf-token"));
        Assert.NotEqual(token, browser.Cookie("daemun.csrf-token")!.Value); // the cookie holds it encrypted
        Assert.Equal(token, await browser.CsrfAsync()); // same browser, same token
        using var other = site.NewBrowser();
        Assert.NotEqual(token, await other.CsrfAsync());
    }

    [Fact]
    public async Task ProvidersListsEveryProviderWithAbsoluteSignInAndCallbackUrls()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();

        using var response = await browser.GetAsync("/api/auth/providers");
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BuiltIns.Order(), Names(json).Order());
        foreach (var id in BuiltIns)
        {
            var p = json.GetProperty(id);
            Assert.Equal(["id", "name", "type", "signinUrl", "callbackUrl"], Names(p));
            Assert.Equal(id, p.GetProperty("id").GetString());
            Assert.False(string.IsNullOrEmpty(p.GetProperty("name").GetString()));
            Assert.Equal(id == "google" ? "oidc" : "oauth", p.GetProperty("type").GetString());
            Assert.Equal($"{site.BaseUrl}/api/auth/signin/{id}", p.GetProperty("signinUrl").GetString());
            Assert.Equal($"{site.BaseUrl}/api/auth/callback/{id}", p.GetProperty("callbackUrl").GetString());
        }
        Assert.Equal("네이버", json.GetProperty("naver").GetProperty("name").GetString());
    }

    [Fact]
    public async Task SessionIsAnEmptyObjectWhenSignedOut()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();

        using var response = await browser.GetAsync("/api/auth/session");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", (await response.Content.ReadAsStringAsync()).Trim());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionHasTheUserAndAnIsoExpiryWhenSignedIn()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");

        var session = await browser.SessionAsync();

        Assert.Equal(["user", "expires"], Names(session));
        var user = session.GetProperty("user");
        Assert.Equal(["id", "name", "email", "image"], Names(user));
        Assert.Equal(site.Scalar("SELECT id FROM users"), user.GetProperty("id").GetString());
        Assert.Equal("김민준", user.GetProperty("name").GetString());
        Assert.Equal("minjun.kim@example.com", user.GetProperty("email").GetString());
        Assert.Equal(site.Emulator.BaseAddress + "/people/kim/profile.svg", user.GetProperty("image").GetString());
        var expires = session.GetProperty("expires").GetString()!;
        Assert.EndsWith("Z", expires, StringComparison.Ordinal);
        var parsed = DateTimeOffset.ParseExact(expires, "O", CultureInfo.InvariantCulture);
        Assert.Equal((site.Clock.GetUtcNow() + TimeSpan.FromDays(30)).ToUnixTimeMilliseconds(), parsed.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task SessionOfAUserWithoutEmailHasANullEmail()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "lee");

        var user = (await browser.SessionAsync()).GetProperty("user");

        Assert.Equal(["id", "name", "email", "image"], Names(user));
        Assert.Equal(JsonValueKind.Null, user.GetProperty("email").ValueKind);
    }

    [Fact]
    public async Task SignInPageHasOneCsrfProtectedFormPerProvider()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();

        using var response = await browser.GetAsync("/api/auth/signin?callbackUrl=%2Fdashboard");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var forms = FormPattern().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(BuiltIns.Length, forms.Count);
        var token = await browser.CsrfAsync(); // the page issued this browser's token
        foreach (var id in BuiltIns)
        {
            var form = Assert.Single(forms, f => f.Contains($"action=\"/api/auth/signin/{id}\"", StringComparison.Ordinal));
            Assert.Contains("method=\"post\"", form, StringComparison.Ordinal);
            Assert.Equal(token, Hidden(form, "csrfToken"));
            Assert.Equal("/dashboard", Hidden(form, "callbackUrl"));
        }

        var kakaoForm = forms.Single(f => f.Contains("/api/auth/signin/kakao\"", StringComparison.Ordinal));
        using var submitted = await browser.PostFormAsync("/api/auth/signin/kakao",
            [new("csrfToken", Hidden(kakaoForm, "csrfToken")!), new("callbackUrl", Hidden(kakaoForm, "callbackUrl")!)]);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.StartsWith(site.Emulator.EndpointsFor("kakao").AuthorizationEndpoint, submitted.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInWithReturnRedirectHeaderAnswersJsonWithTheProviderUrl()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        var token = await browser.CsrfAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, browser.Url("/api/auth/signin/naver"))
        {
            Content = new FormUrlEncodedContent([new("csrfToken", token), new("callbackUrl", "/after")]),
        };
        request.Headers.Add("X-Auth-Return-Redirect", "1");

        using var response = await browser.SendAsync(request);
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["url"], Names(json));
        var url = json.GetProperty("url").GetString()!;
        Assert.StartsWith(site.Emulator.EndpointsFor("naver").AuthorizationEndpoint + "?", url, StringComparison.Ordinal);
        // the answer is as good as the redirect: following it completes the sign-in
        using var callback = await browser.GetAsync(await browser.ConsentAsync(url, "kim"));
        Assert.Equal("/after", callback.Headers.Location!.ToString());
        Assert.True((await browser.SessionAsync()).TryGetProperty("user", out _));
    }

    [Fact]
    public async Task SignInWithoutTheHeaderRedirects()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();

        var location = await browser.StartAsync("naver"); // asserts a 302

        Assert.StartsWith(site.Emulator.EndpointsFor("naver").AuthorizationEndpoint + "?", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOutWithReturnRedirectHeaderAnswersJsonWithTheCallbackUrl()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");
        using var request = new HttpRequestMessage(HttpMethod.Post, browser.Url("/api/auth/signout"))
        {
            Content = new FormUrlEncodedContent([new("csrfToken", await browser.CsrfAsync()), new("callbackUrl", "/bye")]),
        };
        request.Headers.Add("X-Auth-Return-Redirect", "1");

        using var response = await browser.SendAsync(request);
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("/bye", json.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, site.Count("sessions"));
    }

    // ---- helpers ----

    /// <summary>A site whose provider calls may take long: the emulator creates its RSA keys on first use, which is slow on a busy machine.</summary>
    private static Task<TestSite> StartSiteAsync() =>
        TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:ProviderTimeout"] = "00:00:30" });

    private static async Task SignInOkAsync(TestSite site, TestBrowser browser, string provider, string person)
    {
        using var callback = await browser.SignInAsync(provider, person);
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect && TestBrowser.ErrorCodeOf(callback) is null,
            $"sign-in failed: {(int)callback.StatusCode} {callback.Headers.Location}\n{site.Logs.All}");
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static List<string> Names(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    private static string? Hidden(string form, string name)
    {
        var match = Regex.Match(form, $"<input type=\"hidden\" name=\"{name}\" value=\"([^\"]*)\">");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();
}
