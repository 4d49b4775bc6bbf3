using System.Net;
using System.Text.RegularExpressions;
using Daemun.Localization;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary>The sign-up variant of the sign-in page, the service's name and logo, provider order, the server's home page in the person's
/// language, and replacing Daemun's pages with the app's own routes (Auth.js's <c>pages</c>).</summary>
public sealed partial class SignInPagesTests
{
    private static string T(string language, string key, params object?[] args) => new PageText(language).T(key, args);

    private static async Task<string> HtmlAsync(TestBrowser browser, string path)
    {
        using var response = await browser.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {response.Headers.Location}");
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static List<string> ButtonLabels(string html) => ButtonRegex().Matches(html).Select(m => m.Groups["label"].Value).ToList();

    [Theory]
    [InlineData("ko")]
    [InlineData("en")]
    [InlineData("ja")]
    [InlineData("fr")]
    public async Task TheSignUpPageOffersEveryProviderInSignUpWordsAndLinksBothWays(string language)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        var signUp = await HtmlAsync(browser, $"/api/auth/signup?callbackUrl=%2Fwelcome&lang={language}");
        var signIn = await HtmlAsync(browser, $"/api/auth/signin?callbackUrl=%2Fwelcome&lang={language}");

        var names = new[] { "naver", "kakao", "google", "github" }.Select(id => T(language, "provider." + id) is var n && n != "provider." + id ? n : null).ToList();
        Assert.Equal(ButtonLabels(signIn).Count, ButtonLabels(signUp).Count);
        Assert.Equal(4, ButtonLabels(signUp).Count);
        Assert.Equal(T(language, "signup.button", T(language, "provider.naver")), ButtonLabels(signUp)[0]);
        Assert.Equal(T(language, "signin.button", T(language, "provider.naver")), ButtonLabels(signIn)[0]);
        Assert.Contains($"<p class=\"lead\">{T(language, "signup.title")}</p>", signUp, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"lead\" id=\"signup-lead\">{T(language, "signup.lead")}</p>", signUp, StringComparison.Ordinal);
        Assert.Contains($"<a id=\"to-signin\" href=\"/api/auth/signin?callbackUrl=%2Fwelcome\">{T(language, "signup.toSignIn")}</a>", signUp, StringComparison.Ordinal);
        Assert.Contains($"<a id=\"to-signup\" href=\"/api/auth/signup?callbackUrl=%2Fwelcome\">{T(language, "signin.toSignUp")}</a>", signIn, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"password\"", signUp, StringComparison.OrdinalIgnoreCase);
        Assert.Null(names[2]); // Google and GitHub keep their own spelling in every language
    }

    [Fact]
    public async Task ASignUpButtonStartsTheSameSignInAndANewPersonIsSignedInWithoutAPassword()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        var html = await HtmlAsync(browser, "/api/auth/signup?callbackUrl=%2Fwelcome");
        Assert.Contains("action=\"/api/auth/signin/kakao\"", html, StringComparison.Ordinal);

        using var callback = await browser.SignInAsync("kakao", "jane", "/welcome");

        Assert.Equal("/welcome", callback.Headers.Location!.ToString());
        Assert.Equal(1, site.Count("users"));
    }

    [Fact]
    public async Task TheServiceNameLogoAndProviderOrderAreConfigurable()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:ServiceName"] = "대문 <상점>",
            ["Daemun:LogoUrl"] = "/brand/logo.svg",
            ["Daemun:Providers:github:Order"] = "1",
            ["Daemun:Providers:naver:Order"] = "50",
        });
        using var browser = site.NewBrowser();

        foreach (var path in new[] { "/api/auth/signin?lang=en", "/api/auth/signup?lang=en" })
        {
            var raw = await (await browser.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.Contains("<h1>대문 &lt;상점&gt;</h1>", raw, StringComparison.Ordinal);
            Assert.Contains("<img class=\"logo\" src=\"/brand/logo.svg\" alt=\"\" width=\"64\" height=\"64\">", raw, StringComparison.Ordinal);
            Assert.Contains("<title>대문 &lt;상점&gt; — ", raw, StringComparison.Ordinal);
            Assert.Equal(["github", "kakao", "google", "naver"], ButtonRegex().Matches(raw).Select(m => m.Groups["id"].Value));
        }
    }

    [Theory]
    [InlineData("ko-KR,ko;q=0.9", "ko")]
    [InlineData("en-US,en;q=0.9", "en")]
    [InlineData("ja", "ja")]
    [InlineData("fr-FR", "fr")]
    public async Task TheServersHomePageSpeaksThePersonsLanguage(string acceptLanguage, string language)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        async Task<string> HomeAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, browser.Url("/"));
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
            using var response = await browser.SendAsync(request);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        var signedOut = await HomeAsync();
        (await browser.SignInAsync("naver", "kim")).Dispose();
        var signedIn = await HomeAsync();

        Assert.Contains($"<html lang=\"{language}\">", signedOut, StringComparison.Ordinal);
        Assert.Contains($">{T(language, "home.signIn")}</a>", signedOut, StringComparison.Ordinal);
        Assert.Contains($">{T(language, "home.signUp")}</a>", signedOut, StringComparison.Ordinal);
        var hello = T(language, "home.hello", "<span id=\"user-name\">김민준</span>");
        Assert.Contains($"<h1 id=\"signed-in\">{hello}</h1>", signedIn, StringComparison.Ordinal);
        Assert.Contains($">{T(language, "home.signOut")}</button>", signedIn, StringComparison.Ordinal);
        Assert.Contains($">{T(language, "home.account")}</a>", signedIn, StringComparison.Ordinal);
    }

    // --- replacing the pages ------------------------------------------------------------------------------------------------

    private static readonly Dictionary<string, string?> AppPages = new()
    {
        ["Daemun:Pages:SignIn"] = "/login",
        ["Daemun:Pages:Error"] = "/oops",
        ["Daemun:Pages:NewUser"] = "/welcome-new",
        ["Daemun:Pages:Account"] = "/me/settings",
    };

    /// <summary>The app's own sign-in page: its markup, Daemun's buttons (<c>GetDaemunProviderButtons</c>) and CSRF token, posting to Daemun.</summary>
    private sealed class AppLoginPage : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.MapWhen(context => context.Request.Path == "/login", login => login.Run(async context =>
            {
                var csrf = context.GetDaemunCsrfToken();
                var callbackUrl = context.Request.Query["callbackUrl"].ToString();
                var buttons = string.Concat(context.GetDaemunProviderButtons().Select(b =>
                    $"<form method=\"post\" action=\"{b.SignInPath}\"><input type=\"hidden\" name=\"csrfToken\" value=\"{csrf}\"><input type=\"hidden\" name=\"callbackUrl\" value=\"{WebUtility.HtmlEncode(callbackUrl)}\"><button data-provider=\"{b.Id}\">{b.Label}</button></form>"));
                await context.Response.WriteAsync($"<h1>app login ({context.GetDaemunLanguage()})</h1>{buttons}");
            }));
            next(app);
        };
    }

    private static Task<TestSite> StartWithAppPagesAsync() =>
        TestSite.StartAsync(AppPages, configureServices: s => s.AddSingleton<IStartupFilter, AppLoginPage>());

    [Fact]
    public async Task EveryWayToTheSignInPageReachesTheAppsPageWithItsQuery()
    {
        await using var site = await StartWithAppPagesAsync();
        using var browser = site.NewBrowser();

        using var html = new HttpRequestMessage(HttpMethod.Get, browser.Url("/me"));
        html.Headers.Accept.ParseAdd("text/html");
        using (var protectedPage = await browser.SendAsync(html))
        using (var signin = await browser.GetAsync(protectedPage.Headers.Location!.ToString()))
            Assert.Equal("/login?callbackUrl=%2Fme", signin.Headers.Location!.ToString());
        using (var signup = await browser.GetAsync("/api/auth/signup?callbackUrl=%2Fme"))
            Assert.Equal("/login?callbackUrl=%2Fme&signup=true", signup.Headers.Location!.ToString());
        using (var cancelled = await browser.GetAsync(await browser.ConsentAsync(await browser.StartAsync("naver"), "kim", "cancel")))
        using (var notice = await browser.GetAsync(cancelled.Headers.Location!.ToString()))
            Assert.Equal("/login?error=AccessDenied&callbackUrl=%2F", notice.Headers.Location!.ToString());
    }

    [Fact]
    public async Task TheAppsSignInPageUsesDaemunsButtonsAndEndpointsToSignIn()
    {
        await using var site = await StartWithAppPagesAsync();
        using var browser = site.NewBrowser();
        var html = await HtmlAsync(browser, "/login?callbackUrl=%2Fme&lang=en");
        Assert.Contains("<h1>app login (en)</h1>", html, StringComparison.Ordinal);
        var kakao = FormRegex().Matches(html).SingleOrDefault(m => m.Groups["action"].Value == "/api/auth/signin/kakao");
        Assert.True(kakao is not null, html);

        using var start = await browser.PostFormAsync("/api/auth/signin/kakao", new Dictionary<string, string>
        {
            ["csrfToken"] = kakao.Groups["csrf"].Value, ["callbackUrl"] = kakao.Groups["callback"].Value,
        });
        using var callback = await browser.GetAsync(await browser.ConsentAsync(start.Headers.Location!.ToString(), "kim"));

        Assert.Contains(">Sign in with Kakao</button>", html, StringComparison.Ordinal);
        Assert.Equal("/welcome-new?callbackUrl=%2Fme", callback.Headers.Location!.ToString()); // a new user: the app's new-user page, always
        using var returning = await browser.SignInAsync("kakao", "kim", "/me");
        Assert.Equal("/me", returning.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ErrorsAndTheAccountPageGoToTheAppsPages()
    {
        await using var site = await StartWithAppPagesAsync();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();

        using (var error = await browser.GetAsync("/api/auth/callback/naver?code=x&state=forged"))
        using (var page = await browser.GetAsync(error.Headers.Location!.ToString()))
            Assert.Equal("/oops?error=StateMissing", page.Headers.Location!.ToString());
        using (var account = await browser.GetAsync("/api/auth/account?done=unlinked&provider=kakao"))
            Assert.Equal("/me/settings?done=unlinked&provider=kakao", account.Headers.Location!.ToString());
        using var lastAccount = await browser.PostFormAsync("/api/auth/account/unlink/naver", new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync() });
        using var back = await browser.GetAsync(lastAccount.Headers.Location!.ToString());
        Assert.Equal("/me/settings?error=LastAccount", back.Headers.Location!.ToString());
        Assert.Equal(1, site.Count("accounts"));
    }

    [Fact]
    public async Task WithoutReplacementsDaemunsOwnPagesAnswer()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        foreach (var path in new[] { "/api/auth/signin", "/api/auth/signup", "/api/auth/error?error=StateMissing" })
        {
            using var response = await browser.GetAsync(path);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Null(response.Headers.Location);
        }
    }

    [GeneratedRegex("<button type=\"submit\" class=\"provider\" data-provider=\"(?<id>[^\"]+)\"[^>]*>.*?<span>(?<label>[^<]*)</span></button>", RegexOptions.Singleline)]
    private static partial Regex ButtonRegex();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+)\"><input type=\"hidden\" name=\"csrfToken\" value=\"(?<csrf>[^\"]*)\"><input type=\"hidden\" name=\"callbackUrl\" value=\"(?<callback>[^\"]*)\">")]
    private static partial Regex FormRegex();
}
