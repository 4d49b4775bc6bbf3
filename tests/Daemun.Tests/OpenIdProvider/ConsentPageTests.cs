using System.Net;
using System.Text.RegularExpressions;
using Daemun.Errors;
using Daemun.Localization;
using Daemun.OpenIdProvider;
using Daemun.OpenIdProvider.Consent;
using Daemun.Sessions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>The consent page of a third-party app (issue 10), rendered directly: the app's name (always as text) and logo (https only, or
/// http on loopback), who is signed in, every requested scope in plain words in ko/en/ja/fr, Allow and Deny in one form that carries the
/// whole authorization request back to the authorize endpoint; and <see cref="ConsentDecision"/>, which takes an answer only with the CSRF token.</summary>
public sealed partial class ConsentPageTests
{
    public static TheoryData<string> FourLanguages => ["ko", "en", "ja", "fr"];

    private static readonly Dictionary<string, ApiScopeOptions> ApiScopes = new(StringComparer.Ordinal)
    {
        ["orders:read"] = new ApiScopeOptions { Audience = "orders", DisplayName = "Read your orders" },
        ["plain:api"] = new ApiScopeOptions { Audience = "plain" },
    };

    private static ConsentView View(string? displayName = "Gallery", string? logo = null, IReadOnlyList<string>? scopes = null,
        IReadOnlyList<KeyValuePair<string, string>>? parameters = null) => new(
        "gallery", displayName, logo, "김민수", "kim@example.com",
        scopes ?? ["openid", "profile", "email", "offline_access", "providers"], ApiScopes, "/oidc/authorize",
        parameters ?? [new("client_id", "gallery"), new("response_type", "code"), new("scope", "openid profile")], "csrf-token-1");

    private static string Render(ConsentView view, string language = "en") => ConsentPage.Render(new PageText(language), "Daemun", view);

    private static string T(string language, string key, params object?[] args) => new PageText(language).T(key, args);

    [Theory]
    [MemberData(nameof(FourLanguages))]
    public void EveryRequestedScopeIsShownInPlainWordsInEachLanguage(string language)
    {
        var html = Render(View(scopes: ["profile", "openid", "email", "offline_access", "providers", "daemun:read", "daemun:manage"]), language);

        var items = ScopeItemRegex().Matches(html).ToDictionary(m => m.Groups["scope"].Value, m => WebUtility.HtmlDecode(m.Groups["words"].Value));
        Assert.Equal(["openid", "profile", "email", "offline_access", "providers", "daemun:read", "daemun:manage"], items.Keys); // openid first
        foreach (var (scope, words) in items)
        {
            Assert.Equal(T(language, "consent.scope." + scope, "Daemun"), words);
            Assert.NotEqual("consent.scope." + scope, words);
        }
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.Contains(T(language, "consent.app.lead", "Gallery", "Daemun"), WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains($">{T(language, "consent.app.allow")}</button>", html, StringComparison.Ordinal);
        Assert.Contains($">{T(language, "consent.app.deny")}</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWordsAreTheLanguagesOwn()
    {
        Assert.Equal("your Daemun account id", T("en", "consent.scope.openid", "Daemun"), ignoreCase: true);
        Assert.Contains("이메일", T("ko", "consent.scope.email"), StringComparison.Ordinal);
        Assert.Contains("네이버", T("ko", "consent.scope.providers"), StringComparison.Ordinal);
        Assert.Contains("メール", T("ja", "consent.scope.email"), StringComparison.Ordinal);
        Assert.Contains("e-mail", T("fr", "consent.scope.email"), StringComparison.Ordinal);
        var english = ScopeWords.Known.Select(s => T("en", "consent.scope." + s)).ToHashSet();
        foreach (var language in new[] { "ko", "ja", "fr" })
        {
            Assert.All(ScopeWords.Known, s => Assert.DoesNotContain(T(language, "consent.scope." + s), english)); // translated, not copied
        }
    }

    [Fact]
    public void AnApiScopeIsShownByItsDisplayNameElseByItsName()
    {
        var html = Render(View(scopes: ["openid", "orders:read", "plain:api"]));

        Assert.Contains("<li data-scope=\"orders:read\">Read your orders</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li data-scope=\"plain:api\">plain:api</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAppsNameIsShownAsTextNeverAsMarkup()
    {
        var html = Render(View(displayName: "<script>alert(1)</script>\"><img src=x onerror=alert(2)>", logo: "https://apps.example/logo.png"));

        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<h1 id=\"consent-app\">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutADisplayNameTheClientIdNamesTheApp()
    {
        var html = Render(View(displayName: null));

        Assert.Contains("<h1 id=\"consent-app\">gallery</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePersonSignedInIsShown()
    {
        var html = Render(View(), "ko");

        Assert.Contains(T("ko", "consent.app.signedInAs", "김민수 · kim@example.com"), WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://apps.example/logo.png", true)]
    [InlineData("http://127.0.0.1:5100/logo.png", true)]
    [InlineData("http://localhost/logo.png", true)]
    [InlineData("http://apps.example/logo.png", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=", false)]
    [InlineData("/logo.png", false)]
    [InlineData("//apps.example/logo.png", false)]
    [InlineData("https://user:pass@apps.example/logo.png", false)]
    [InlineData("", false)]
    public void TheLogoIsShownOnlyFromAnHttpsUrlOrLoopback(string logo, bool shown)
    {
        var html = Render(View(logo: logo));

        Assert.Equal(shown, html.Contains("<img", StringComparison.Ordinal));
        if (shown) Assert.Contains($"src=\"{WebUtility.HtmlEncode(new Uri(logo).AbsoluteUri)}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFormPostsEveryParameterOfTheRequestBackWithTheCsrfTokenAndTheAnswer()
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("client_id", "gallery"), new("redirect_uri", "https://gallery.example/cb?x=1&y=\"2\""), new("response_type", "code"),
            new("scope", "openid profile"), new("state", "<state>&'"), new("nonce", "n-1"), new("code_challenge", "abc"),
            new("code_challenge_method", "S256"), new("provider", "naver"), new("ui_locales", "ko"),
            new("consent", "allow"), new("csrfToken", "forged"), // not carried: the form adds its own
        };
        var html = Render(View(parameters: parameters));

        var form = FormRegex().Match(html);
        Assert.True(form.Success);
        Assert.Equal("post", form.Groups["method"].Value);
        Assert.Equal("/oidc/authorize", WebUtility.HtmlDecode(form.Groups["action"].Value));
        var hidden = HiddenRegex().Matches(form.Groups["body"].Value)
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value))).ToList();
        Assert.Equal([.. parameters.Where(p => p.Key is not "consent" and not "csrfToken"), new("csrfToken", "csrf-token-1")], hidden);
        var buttons = ButtonRegex().Matches(form.Groups["body"].Value).Select(m => (m.Groups["name"].Value, m.Groups["value"].Value)).ToList();
        Assert.Equal([("consent", "deny"), ("consent", "allow")], buttons); // Deny first: Enter in the form does not allow
    }

    [Fact]
    public void ParametersOfARequestAreAllItsParametersOncePerValue()
    {
        var request = new OpenIddictRequest(new Dictionary<string, StringValues>
        {
            ["client_id"] = "gallery",
            ["scope"] = "openid email",
            ["resource"] = new StringValues(["https://api.one", "https://api.two"]),
            ["consent"] = "allow",
            ["csrfToken"] = "x",
        });

        var pairs = ConsentView.ParametersOf(request);

        Assert.Equal([new("client_id", "gallery"), new("scope", "openid email"), new("resource", "https://api.one"), new("resource", "https://api.two")], pairs);
    }

    // ---- the answer ----

    private static (CsrfTokens Csrf, string Cookie, string Token) Csrf()
    {
        var csrf = new CsrfTokens(new EphemeralDataProtectionProvider(), new DaemunCookies(Options.Create(new DaemunOptions())));
        var first = new DefaultHttpContext();
        var token = csrf.GetOrCreate(first);
        var setCookie = first.Response.Headers.SetCookie.ToString();
        return (csrf, setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)], token);
    }

    private static DefaultHttpContext Posted(string cookie, Dictionary<string, StringValues> form)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Headers.Cookie = cookie;
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Form = new FormCollection(form);
        return context;
    }

    [Theory]
    [InlineData("allow", "Allow")]
    [InlineData("deny", "Deny")]
    public async Task AnAnswerWithThisBrowsersCsrfTokenCounts(string value, string answer)
    {
        var expected = Enum.Parse<ConsentAnswer>(answer);
        var (csrf, cookie, token) = Csrf();
        var context = Posted(cookie, new() { ["client_id"] = "gallery", ["consent"] = value, ["csrfToken"] = token });

        Assert.Equal(expected, await ConsentDecision.ReadAsync(context, csrf));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("someone else's token")]
    public async Task AnAnswerWithoutTheCsrfTokenIsRefused(string? posted)
    {
        var (csrf, cookie, _) = Csrf();
        var form = new Dictionary<string, StringValues> { ["client_id"] = "gallery", ["consent"] = "allow" };
        if (posted is not null) form["csrfToken"] = posted;

        var e = await Assert.ThrowsAsync<DaemunException>(() => ConsentDecision.ReadAsync(Posted(cookie, form), csrf));
        Assert.Equal(ErrorCode.MissingCsrf, e.Code);
    }

    [Fact]
    public async Task AnAnswerOtherThanAllowOrDenyIsRefused()
    {
        var (csrf, cookie, token) = Csrf();
        var context = Posted(cookie, new() { ["consent"] = "yes", ["csrfToken"] = token });

        var e = await Assert.ThrowsAsync<DaemunException>(() => ConsentDecision.ReadAsync(context, csrf));
        Assert.Equal(ErrorCode.InvalidRequest, e.Code);
    }

    [Fact]
    public async Task AnAnswerOutsideAPostedFormIsNoAnswer()
    {
        var (csrf, cookie, token) = Csrf();
        var get = new DefaultHttpContext();
        get.Request.Method = "GET";
        get.Request.Headers.Cookie = cookie;
        get.Request.QueryString = new QueryString($"?consent=allow&csrfToken={Uri.EscapeDataString(token)}");
        var appPosted = Posted(cookie, new() { ["client_id"] = "gallery", ["scope"] = "openid" });

        Assert.Equal(ConsentAnswer.None, await ConsentDecision.ReadAsync(get, csrf));
        Assert.Equal(ConsentAnswer.None, await ConsentDecision.ReadAsync(appPosted, csrf));
    }

    [GeneratedRegex("<li data-scope=\"(?<scope>[^\"]*)\">(?<words>[^<]*)</li>")]
    private static partial Regex ScopeItemRegex();

    [GeneratedRegex("<form method=\"(?<method>[^\"]*)\" action=\"(?<action>[^\"]*)\" id=\"consent-form\">(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormRegex();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenRegex();

    [GeneratedRegex("<button type=\"submit\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex ButtonRegex();
}
