using System.Net;
using System.Text.RegularExpressions;
using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Localization;
using Daemun.Providers;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>Languages (issue 5): ko, en, ja and fr, one strings file each; chosen by <c>lang</c>, then the <c>daemun.lang</c> cookie, then
/// Accept-Language, then <c>Daemun:DefaultLanguage</c> (ko); every page string and every error message in every language.</summary>
public sealed partial class LocalizationTests
{
    public static TheoryData<string> FourLanguages => ["ko", "en", "ja", "fr"];

    private static string T(string language, string key, params object?[] args) => new PageText(language).T(key, args);

    // ---- the strings files ----

    [Fact]
    public void TheLanguagesAreExactlyTheStringsFilesByName()
    {
        var folder = Path.Combine(Repository.Root, "src", "Daemun", "Localization", "Strings");
        var files = Directory.GetFiles(folder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

        Assert.Equal(files, StringFiles.Languages);
        Assert.Superset(new HashSet<string>(["ko", "en", "ja", "fr"]), StringFiles.Languages.ToHashSet());
    }

    [Fact]
    public void EveryKeyExistsInEveryLanguage()
    {
        var allKeys = StringFiles.Languages.SelectMany(StringFiles.Keys).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(allKeys);
        foreach (var language in StringFiles.Languages)
        {
            var missing = allKeys.Where(k => string.IsNullOrWhiteSpace(StringFiles.Find(language, k))).Order(StringComparer.Ordinal).ToList();
            Assert.True(missing.Count == 0, $"{language}.json lacks: {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void EveryTranslationHasTheSamePlaceholdersAsEnglish()
    {
        foreach (var language in StringFiles.Languages)
        {
            foreach (var key in StringFiles.Keys(StringFiles.English))
            {
                var english = Placeholders(StringFiles.Find(StringFiles.English, key)!);
                Assert.True(english.SetEquals(Placeholders(StringFiles.Find(language, key) ?? "")), $"{language}.json {key}: placeholders differ from English");
            }
        }
    }

    [Fact]
    public void EveryErrorCodeHasAMessageInEveryLanguage()
    {
        foreach (var language in new[] { "ko", "en", "ja", "fr" })
        {
            var messages = new HashSet<string>(StringComparer.Ordinal);
            foreach (var code in Enum.GetValues<ErrorCode>())
            {
                var key = PageText.ErrorKey(code);
                var message = StringFiles.Find(language, key);
                Assert.False(string.IsNullOrWhiteSpace(message), $"{language}: no message for {code}");
                Assert.NotEqual(key, message);
                Assert.True(messages.Add(message!), $"{language}: {code} shares its message with another code");
                if (language != StringFiles.English) Assert.NotEqual(StringFiles.Find(StringFiles.English, key), message); // translated, not copied
            }
        }
    }

    [Fact]
    public void ErrorMessagesSayWhatToDoNext()
    {
        Assert.Equal("This email already belongs to an account. Sign in with the provider you used before, then link this one from your account page.",
            ErrorCodes.Message(ErrorCode.OAuthAccountNotLinked)); // JSON errors stay English
        Assert.Contains("계정 페이지", T("ko", PageText.ErrorKey(ErrorCode.OAuthAccountNotLinked)), StringComparison.Ordinal);
        Assert.Contains("アカウントページ", T("ja", PageText.ErrorKey(ErrorCode.OAuthAccountNotLinked)), StringComparison.Ordinal);
        Assert.Contains("page de votre compte", T("fr", PageText.ErrorKey(ErrorCode.OAuthAccountNotLinked)), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingKeyFallsBackToEnglishThenToTheKey()
    {
        Assert.Equal("Sign in", new PageText("de").T("signin.title")); // a language without a file (or a key missing from one) reads English
        Assert.Equal("no.such.key", new PageText("ko").T("no.such.key"));
        Assert.Equal("네이버 로그인", new PageText("ko").T("signin.button", "네이버"));
    }

    // ---- choosing the language ----

    [Theory]
    [InlineData("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko")]
    [InlineData("en-US,en;q=0.9", "en")]
    [InlineData("ja", "ja")]
    [InlineData("fr-CA", "fr")]
    [InlineData("de-DE, fr;q=0.5, en;q=0.7", "en")]
    [InlineData("en;q=0, ja;q=0.1", "ja")]
    [InlineData("de, *;q=0.5", "ko")]
    [InlineData("en;q=0", "ko")]
    public async Task AcceptLanguagePicksTheBestLanguageThereIsAFileFor(string acceptLanguage, string expected)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        var html = await PageAsync(browser, "/api/auth/signin", acceptLanguage);

        AssertLanguage(html, expected);
        Assert.Null(browser.Cookie(RequestLanguage.CookieName)); // only an explicit choice is remembered
    }

    [Fact]
    public async Task WithoutAnyHintThePagesAreKoreanUnlessAnotherDefaultIsConfigured()
    {
        await using (var site = await TestSite.StartAsync())
        {
            using var browser = site.NewBrowser();
            AssertLanguage(await PageAsync(browser, "/api/auth/signin"), "ko");
        }
        await using (var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:DefaultLanguage"] = "ja" }))
        {
            using var browser = site.NewBrowser();
            AssertLanguage(await PageAsync(browser, "/api/auth/signin"), "ja");
            AssertLanguage(await PageAsync(browser, "/api/auth/signin", "fr-FR"), "fr");
        }
    }

    [Fact]
    public async Task ADefaultLanguageWithoutAFileStopsStartUpNamingTheKey()
    {
        await using var emulator = await ProviderEmulator.StartAsync();

        var failure = await Assert.ThrowsAsync<DaemunConfigurationException>(() =>
            TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:DefaultLanguage"] = "de" }, emulator: emulator));

        Assert.Equal("Daemun:DefaultLanguage", failure.Key);
        Assert.Contains("ko", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LangOverridesAcceptLanguageAndIsRememberedInACookie()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        using var first = await SendAsync(browser, "/api/auth/signin?lang=fr", "ko-KR,ko;q=0.9");
        AssertLanguage(await first.Content.ReadAsStringAsync(), "fr");
        var setCookie = Assert.Single(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith(RequestLanguage.CookieName + "=", StringComparison.Ordinal));
        Assert.StartsWith("daemun.lang=fr;", setCookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase); // plain http here

        // the choice sticks, over Accept-Language, on every page
        AssertLanguage(await PageAsync(browser, "/api/auth/signin", "ko-KR"), "fr");
        AssertLanguage(await PageAsync(browser, "/api/auth/signout", "ko-KR"), "fr");
        AssertLanguage(await PageAsync(browser, "/api/auth/error?error=StateExpired", "ja"), "fr");

        // a new choice replaces it
        AssertLanguage(await PageAsync(browser, "/api/auth/signin?lang=JA", "ko-KR"), "ja");
        Assert.Equal("ja", browser.Cookie(RequestLanguage.CookieName)?.Value);
        AssertLanguage(await PageAsync(browser, "/api/auth/signin", "fr"), "ja");
    }

    [Theory]
    [InlineData("de")]
    [InlineData("xx")]
    [InlineData("en-US")]
    [InlineData("../en")]
    [InlineData("")]
    public async Task AnInvalidLangIsIgnored(string lang)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        AssertLanguage(await PageAsync(browser, $"/api/auth/signin?lang={Uri.EscapeDataString(lang)}", "en"), "en");
        Assert.Null(browser.Cookie(RequestLanguage.CookieName));

        browser.Cookies.Add(new Uri(site.BaseUrl), new Cookie(RequestLanguage.CookieName, "de"));
        AssertLanguage(await PageAsync(browser, "/api/auth/signin", "ja"), "ja"); // a cookie naming no file is ignored too
    }

    // ---- every page in every language ----

    [Theory]
    [MemberData(nameof(FourLanguages))]
    public async Task TheSignInPageIsInTheChosenLanguage(string language)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        var html = WebUtility.HtmlDecode(await PageAsync(browser, $"/api/auth/signin?lang={language}"));

        AssertLanguage(html, language);
        Assert.Contains($"<title>Daemun — {T(language, "signin.title")}</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<span>{T(language, "signin.button", T(language, "provider.naver"))}</span>", html, StringComparison.Ordinal);
        Assert.Contains($"<span>{T(language, "signin.button", T(language, "provider.kakao"))}</span>", html, StringComparison.Ordinal);
        Assert.Contains($"<span>{T(language, "signin.button", "Google")}</span>", html, StringComparison.Ordinal);
        var emulated = T(language, "signin.emulated").Split("{0}");
        Assert.Contains($"<div class=\"notice\" role=\"note\">{emulated[0]}", html, StringComparison.Ordinal);
        Assert.Contains($"{emulated[1]}</div>", html, StringComparison.Ordinal);
        AssertOnlyThisLanguage(html, language);
    }

    [Fact]
    public async Task ProviderButtonsReadNaturallyInEachLanguage()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        Assert.Contains("<span>네이버 로그인</span>", await PageAsync(browser, "/api/auth/signin?lang=ko"), StringComparison.Ordinal);
        Assert.Contains("<span>Sign in with NAVER</span>", await PageAsync(browser, "/api/auth/signin?lang=en"), StringComparison.Ordinal);
        Assert.Contains("<span>NAVERでログイン</span>", await PageAsync(browser, "/api/auth/signin?lang=ja"), StringComparison.Ordinal);
        Assert.Contains("<span>Se connecter avec Kakao</span>", await PageAsync(browser, "/api/auth/signin?lang=fr"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConfiguredProviderNameIsShownAsConfigured()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Providers:naver:Name"] = "Naver Works" });
        using var browser = site.NewBrowser();

        Assert.Contains("<span>Sign in with Naver Works</span>", await PageAsync(browser, "/api/auth/signin?lang=en"), StringComparison.Ordinal);
        Assert.Contains("<span>Naver Works 로그인</span>", await PageAsync(browser, "/api/auth/signin?lang=ko"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FourLanguages))]
    public async Task TheErrorPageIsInTheChosenLanguage(string language)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        using var response = await browser.GetAsync($"/api/auth/error?error=OAuthAccountNotLinked&lang={language}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        AssertLanguage(html, language);
        Assert.Contains($"<h1>{T(language, "error.title")}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<p id=\"error-message\">{T(language, PageText.ErrorKey(ErrorCode.OAuthAccountNotLinked))}</p>", html, StringComparison.Ordinal);
        Assert.Contains($"{T(language, "error.code")}: <code id=\"error-code\">OAuthAccountNotLinked</code>", html, StringComparison.Ordinal);
        Assert.Contains($"<a class=\"button\" href=\"/api/auth/signin\">{T(language, "error.back")}</a>", html, StringComparison.Ordinal);
        AssertOnlyThisLanguage(html, language);
    }

    [Theory]
    [MemberData(nameof(FourLanguages))]
    public async Task EveryErrorCodeIsShownInTheChosenLanguage(string language)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        foreach (var code in Enum.GetValues<ErrorCode>())
        {
            var html = WebUtility.HtmlDecode(await PageAsync(browser, $"/api/auth/error?error={code}&lang={language}"));
            Assert.Contains($"<p id=\"error-message\">{T(language, PageText.ErrorKey(code))}</p>", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(FourLanguages))]
    public async Task TheSignOutPageIsInTheChosenLanguage(string language)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        var html = WebUtility.HtmlDecode(await PageAsync(browser, $"/api/auth/signout?lang={language}"));

        AssertLanguage(html, language);
        Assert.Contains($"<h1>{T(language, "signout.title")}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"lead\">{T(language, "signout.question")}</p>", html, StringComparison.Ordinal);
        Assert.Contains($">{T(language, "signout.button")}</button>", html, StringComparison.Ordinal);
        AssertOnlyThisLanguage(html, language);
    }

    [Theory]
    [MemberData(nameof(FourLanguages))]
    public async Task TheConsentAndReauthenticationPagesAreInTheChosenLanguage(string language)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        var naver = T(language, "provider.naver");

        var consent = WebUtility.HtmlDecode(await PageAsync(browser, $"/api/auth/consent?provider=naver&missing=email&lang={language}"));
        AssertLanguage(consent, language);
        Assert.Contains($"<h1>{T(language, "consent.title")}</h1>", consent, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"lead\">{T(language, "consent.lead", "Daemun", naver)}</p>", consent, StringComparison.Ordinal);
        Assert.Contains($"id=\"reprompt\">{T(language, "consent.button", naver)}</button>", consent, StringComparison.Ordinal);
        AssertOnlyThisLanguage(consent, language);

        using var signedIn = await browser.SignInAsync("naver");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var name = (await browser.SessionAsync()).GetProperty("user").GetProperty("name").GetString()!;
        var reauthenticate = WebUtility.HtmlDecode(await PageAsync(browser, $"/api/auth/reauthenticate?lang={language}"));
        AssertLanguage(reauthenticate, language);
        Assert.Contains($"<h1>{T(language, "reauth.title")}</h1>", reauthenticate, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"lead\">{T(language, "reauth.leadNamed", name)}</p>", reauthenticate, StringComparison.Ordinal);
        Assert.Contains($"id=\"reauthenticate-naver\">{T(language, "reauth.button", naver)}</button>", reauthenticate, StringComparison.Ordinal);
        AssertOnlyThisLanguage(reauthenticate.Replace(name, "", StringComparison.Ordinal), language); // the person's name is data, not a page string
    }

    // ---- a cancellation at the provider ----

    [Theory]
    [MemberData(nameof(FourLanguages))]
    public async Task CancellingAtTheProviderReturnsToTheSignInPageWithAGentleLocalizedNotice(string language)
    {
        await using var site = await TestSite.StartAsync();
        site.Emulator.Faults.SetAuthorizeError("naver", "access_denied", "Canceled By User");
        using var browser = site.NewBrowser();
        await PageAsync(browser, $"/api/auth/signin?lang={language}");

        using var callback = await browser.SignInAsync("naver", callbackUrl: "/dashboard");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/api/auth/signin?error=AccessDenied&callbackUrl=%2Fdashboard", callback.Headers.Location!.ToString());
        using var page = await browser.GetAsync(callback.Headers.Location!.ToString());
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertLanguage(html, language);
        Assert.Contains($"<div class=\"notice\" role=\"status\" id=\"signin-notice\">{T(language, PageText.ErrorKey(ErrorCode.AccessDenied))}</div>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("error-code", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"callbackUrl\" value=\"/dashboard\">", html, StringComparison.Ordinal); // a retry still leads there
        Assert.Equal(0, site.Count("users"));
    }

    [Fact]
    public async Task OtherErrorsOnTheSignInPageAreLocalizedAlerts()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        var html = WebUtility.HtmlDecode(await PageAsync(browser, "/api/auth/signin?error=OAuthAccountNotLinked&lang=ja"));

        Assert.Contains($"<div class=\"error\" role=\"alert\">{T("ja", PageText.ErrorKey(ErrorCode.OAuthAccountNotLinked))} <code>OAuthAccountNotLinked</code></div>", html, StringComparison.Ordinal);
    }

    // ---- helpers ----

    private static Task<HttpResponseMessage> SendAsync(TestBrowser browser, string path, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, browser.Url(path));
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        return browser.SendAsync(request);
    }

    private static async Task<string> PageAsync(TestBrowser browser, string path, string? acceptLanguage = null)
    {
        using var response = await SendAsync(browser, path, acceptLanguage);
        Assert.True(response.Content.Headers.ContentType?.MediaType == "text/html", $"{path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static void AssertLanguage(string html, string language) =>
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);

    /// <summary>No other language's page strings, and no Hangul outside the Korean page (the built-in names are Korean, so this catches leftovers).</summary>
    private static void AssertOnlyThisLanguage(string html, string language)
    {
        if (language != "ko") Assert.False(Hangul().IsMatch(html), $"{language} page contains Hangul: {Hangul().Match(html).Value}");
        if (language != "ja") Assert.False(Kana().IsMatch(html), $"{language} page contains kana");
        foreach (var other in StringFiles.Languages.Where(l => l != language))
        {
            foreach (var key in new[] { "signin.title", "error.title", "error.back", "signout.question", "reauth.title", "consent.title" })
            {
                var text = StringFiles.Find(other, key)!;
                if (text != StringFiles.Find(language, key)) Assert.DoesNotContain(">" + text + "<", html, StringComparison.Ordinal);
            }
        }
    }

    private static HashSet<string> Placeholders(string template) => [.. Placeholder().Matches(template).Select(m => m.Value)];

    [GeneratedRegex(@"[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]")]
    private static partial Regex Hangul();

    [GeneratedRegex(@"[\u3040-\u30FF]")]
    private static partial Regex Kana();

    [GeneratedRegex(@"\{\d+(?=[:}])")]
    private static partial Regex Placeholder();
}
