using System.Net;
using System.Text;
using Daemun.Errors;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Tests.Integration;

/// <summary>Every URL a person can influence reaches the <c>Location</c> header percent-encoded as UTF-8 (Urls.ForHeader): a Korean
/// callbackUrl completes the sign-in instead of failing after the session was written; the same-origin rule is unchanged.
/// A form in a charset other than UTF-8 is a clear InvalidRequest, never a 500.</summary>
public sealed class HeaderSafeRedirectTests
{
    private const string MyPage = "/마이페이지";
    private const string MyPageEncoded = "/%EB%A7%88%EC%9D%B4%ED%8E%98%EC%9D%B4%EC%A7%80";

    [Fact]
    public async Task KoreanCallbackUrlCompletesTheSignInAndLandsTherePercentEncoded()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("naver", "kim", MyPage + "?탭=설정");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal(MyPageEncoded + "?%ED%83%AD=%EC%84%A4%EC%A0%95", callback.Headers.Location!.OriginalString);
        Assert.NotNull(browser.Cookie("daemun.session-token"));
        Assert.Equal(1, site.Count("sessions"));
        Assert.True((await browser.SessionAsync()).TryGetProperty("user", out _));
        Refusal.AssertNoServerError(site);
    }

    [Fact]
    public async Task AnAlreadyPercentEncodedCallbackUrlStaysAsItIs()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("naver", "kim", MyPageEncoded + "?q=a%20b");

        Assert.Equal(MyPageEncoded + "?q=a%20b", callback.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("//마이페이지.example/")]
    [InlineData("/\\마이페이지.example")]
    [InlineData("https://마이페이지.example/")]
    public async Task NonAsciiDoesNotWeakenTheSameOriginRule(string callbackUrl)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("naver", "kim", callbackUrl);

        Assert.Equal(site.BaseUrl + "/", callback.Headers.Location!.OriginalString);
        Refusal.AssertNoServerError(site);
    }

    [Theory]
    [InlineData("/마이페이지\r\nSet-Cookie: daemun.session-token=planted")]
    [InlineData("/마이페이지\u0085")]
    public async Task ControlCharactersInACallbackUrlAreStillInvalidRequest(string callbackUrl)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        using var response = await browser.PostFormAsync("/api/auth/signin/naver", [new("csrfToken", await browser.CsrfAsync()), new("callbackUrl", callbackUrl)]);

        await Refusal.AssertAsync(site, browser, response, ErrorCode.InvalidRequest);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.Contains("planted", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignInPageFormsCarryTheKoreanCallbackUrlAndTheSignInStartsWithIt()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        using var page = await browser.GetAsync("/api/auth/signin?callbackUrl=" + Uri.EscapeDataString(MyPage));
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"name=\"callbackUrl\" value=\"{MyPageEncoded}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOutToAKoreanCallbackUrlIsPercentEncoded()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();

        using var response = await browser.PostFormAsync("/api/auth/signout", [new("csrfToken", await browser.CsrfAsync()), new("callbackUrl", MyPage)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(MyPageEncoded, response.Headers.Location!.OriginalString);
        Assert.Equal(0, site.Count("sessions"));
        Refusal.AssertNoServerError(site);
    }

    [Fact]
    public async Task KakaoBrowserLogoutCarriesTheKoreanReturnAddressEncoded()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Providers:kakao:BrowserLogoutOnSignOut"] = "true" });
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("kakao", "kim")).Dispose();

        using var response = await browser.PostFormAsync("/api/auth/signout", [new("csrfToken", await browser.CsrfAsync()), new("callbackUrl", MyPage)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.True(location.OriginalString.All(char.IsAscii), location.OriginalString);
        Assert.Equal(site.BaseUrl + MyPageEncoded, QueryHelpers.ParseQuery(location.Query)["logout_redirect_uri"].ToString());
        Refusal.AssertNoServerError(site);
    }

    [Fact]
    public async Task AnAppPageWithAKoreanPathIsForwardedToPercentEncoded()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Pages:SignIn"] = "/로그인" });
        using var browser = site.NewBrowser();

        using var response = await browser.GetAsync("/api/auth/signin?callbackUrl=" + Uri.EscapeDataString(MyPage));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/%EB%A1%9C%EA%B7%B8%EC%9D%B8?callbackUrl=" + Uri.EscapeDataString(MyPage), response.Headers.Location!.OriginalString);
        Refusal.AssertNoServerError(site);
    }

    [Fact]
    public async Task APageThatNeedsASessionSendsAKoreanAddressBackThroughTheSignInPageEncoded()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        using var response = await browser.GetAsync("/api/auth/new-user?callbackUrl=" + Uri.EscapeDataString(MyPage));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.True(location.All(char.IsAscii), location);
        Assert.Equal(MyPageEncoded, QueryHelpers.ParseQuery(new Uri(new Uri(site.BaseUrl), location).Query)["callbackUrl"].ToString());
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded; charset=utf-7")]
    [InlineData("application/x-www-form-urlencoded; charset=\"UTF-7\"")]
    [InlineData("application/x-www-form-urlencoded; charset=iso-8859-1")]
    [InlineData("application/x-www-form-urlencoded; charset=no-such-charset")]
    [InlineData("multipart/form-data; boundary=x; charset=utf-7")]
    public async Task AFormInAnotherCharsetIsInvalidRequestWithOneLineAndNoTrace(string contentType)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        var body = $"csrfToken={await browser.CsrfAsync()}&callbackUrl=+ADw-script+AD4-";
        using var request = new HttpRequestMessage(HttpMethod.Post, browser.Url("/api/auth/signin/naver")) { Content = new ByteArrayContent(Encoding.ASCII.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await browser.SendAsync(request);

        await Refusal.AssertAsync(site, browser, response, ErrorCode.InvalidRequest);
        var refusals = site.Logs.Lines.Where(l => l.Contains("InvalidRequest", StringComparison.Ordinal)).ToList();
        Assert.Single(refusals);
        Assert.Contains("charset", refusals[0], StringComparison.Ordinal);
        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains("   at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded; charset=\"UTF-8\"")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task AUtf8FormIsAccepted(string contentType)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        var body = $"csrfToken={await browser.CsrfAsync()}&callbackUrl={Uri.EscapeDataString(MyPage)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, browser.Url("/api/auth/signin/naver")) { Content = new ByteArrayContent(Encoding.ASCII.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(TestBrowser.ErrorCodeOf(response));
    }
}
