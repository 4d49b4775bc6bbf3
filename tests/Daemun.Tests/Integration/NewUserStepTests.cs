using System.Net;
using Daemun.Localization;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>The new-user step: after a new user's first sign-in, a page asks for what the provider did not give (here: email, which "lee" has
/// none of), with no password field; skippable unless required; only missing fields can be written; a typed email is unverified and never
/// links or blocks a provider account.</summary>
public sealed class NewUserStepTests
{
    private static readonly Dictionary<string, string?> AskEmail = new() { ["Daemun:NewUser:Ask:0"] = "email" };

    private static string T(string language, string key, params object?[] args) => new PageText(language).T(key, args);

    private static async Task<string> HtmlAsync(TestBrowser browser, string path)
    {
        using var response = await browser.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {response.Headers.Location}");
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> SaveAsync(TestBrowser browser, Dictionary<string, string> fields, string? csrfToken = null)
    {
        var form = new Dictionary<string, string>(fields) { ["csrfToken"] = csrfToken ?? await browser.CsrfAsync(), ["callbackUrl"] = "/welcome" };
        return await browser.PostFormAsync("/api/auth/new-user", form);
    }

    private static string? EmailOf(TestSite site, string name) => site.Scalar($"SELECT email FROM users WHERE name = '{name}'") as string;

    [Fact]
    public async Task ANewUserWithoutTheAskedEmailIsSentToTheStepWhichHasALabelledEmailFieldNoPasswordAndASkipLink()
    {
        await using var site = await TestSite.StartAsync(AskEmail);
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("naver", "lee", "/welcome");

        Assert.Equal("/api/auth/new-user?callbackUrl=%2Fwelcome", callback.Headers.Location!.ToString());
        Assert.Equal(1, site.Count("sessions")); // signed in already: the step is optional
        var html = await HtmlAsync(browser, callback.Headers.Location!.ToString());
        Assert.Contains($"<h1>{T("ko", "newuser.titleNamed", "이서연")}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<label for=\"newuser-email\">{T("ko", "newuser.email")}</label>", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"email\" id=\"newuser-email\" name=\"email\" autocomplete=\"email\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("newuser-name", html, StringComparison.Ordinal); // the provider gave a name
        Assert.DoesNotContain("type=\"password\"", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a class=\"button\" id=\"newuser-skip\" href=\"/welcome\">", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"csrfToken\" value=\"{await browser.CsrfAsync()}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGivenEmailIsSavedUnverifiedShownInTheSessionAndTheStepIsNotShownAgain()
    {
        await using var site = await TestSite.StartAsync(AskEmail);
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "lee", "/welcome")).Dispose();

        using var saved = await SaveAsync(browser, new() { ["email"] = " Seoyeon.Lee@Example.com " });

        Assert.Equal("/welcome", saved.Headers.Location!.ToString());
        Assert.Equal("Seoyeon.Lee@Example.com", EmailOf(site, "이서연"));
        Assert.Equal(0L, Convert.ToInt64(site.Scalar("SELECT email_verified FROM users"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Seoyeon.Lee@Example.com", (await browser.SessionAsync()).GetProperty("user").GetProperty("email").GetString());
        using (var again = await browser.GetAsync("/api/auth/new-user?callbackUrl=%2Fwelcome"))
            Assert.Equal("/welcome", again.Headers.Location!.ToString()); // nothing left to ask
        using var returning = await browser.SignInAsync("naver", "lee", "/welcome");
        Assert.Equal("/welcome", returning.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("cookie")]
    public async Task WithCookieSessionsTheSessionCookieCarriesTheNewEmail(string sessions)
    {
        var settings = new Dictionary<string, string?>(AskEmail) { ["Daemun:Session:Strategy"] = sessions == "cookie" ? "Cookie" : "Database" };
        await using var site = await TestSite.StartAsync(settings);
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("kakao", "lee")).Dispose();

        (await SaveAsync(browser, new() { ["email"] = "lee@example.org" })).Dispose();

        Assert.Equal("lee@example.org", (await browser.SessionAsync()).GetProperty("user").GetProperty("email").GetString());
    }

    [Fact]
    public async Task NothingMissingOrNothingAskedMeansNoStep()
    {
        await using (var asks = await TestSite.StartAsync(AskEmail))
        {
            using var browser = asks.NewBrowser();
            using var callback = await browser.SignInAsync("naver", "kim", "/welcome"); // Naver gave kim's email
            Assert.Equal("/welcome", callback.Headers.Location!.ToString());
        }
        await using var site = await TestSite.StartAsync(); // Ask is empty by default
        using var other = site.NewBrowser();
        using var lee = await other.SignInAsync("naver", "lee", "/welcome");
        Assert.Equal("/welcome", lee.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ARequiredStepHasNoSkipAndRefusesABlankFieldBackOnThePage()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>(AskEmail) { ["Daemun:NewUser:Required"] = "true" });
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "lee", "/welcome")).Dispose();

        var html = await HtmlAsync(browser, "/api/auth/new-user?callbackUrl=%2Fwelcome&lang=en");
        Assert.DoesNotContain("newuser-skip", html, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"email\" maxlength=\"254\" required>", html, StringComparison.Ordinal);
        using var blank = await SaveAsync(browser, new() { ["email"] = "  " });

        Assert.Equal("/api/auth/new-user?callbackUrl=%2Fwelcome&error=InvalidProfile", blank.Headers.Location!.ToString());
        Assert.Contains($"{T("en", "error.InvalidProfile")} <code>InvalidProfile</code>", await HtmlAsync(browser, blank.Headers.Location!.ToString() + "&lang=en"), StringComparison.Ordinal);
        Assert.Null(EmailOf(site, "이서연"));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData("a@b")]
    [InlineData("a b@example.com")]
    [InlineData("<script>@example.com")]
    public async Task AMalformedEmailIsRefusedAndNothingIsStored(string email)
    {
        await using var site = await TestSite.StartAsync(AskEmail);
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "lee")).Dispose();

        using var response = await SaveAsync(browser, new() { ["email"] = email });

        Assert.EndsWith("&error=InvalidProfile", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Null(EmailOf(site, "이서연"));
    }

    [Fact]
    public async Task AnEmailOfAnotherUserIsRefusedWithEmailInUse()
    {
        await using var site = await TestSite.StartAsync(AskEmail);
        using (var kim = site.NewBrowser()) (await kim.SignInAsync("naver", "kim")).Dispose();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "lee")).Dispose();

        using var response = await SaveAsync(browser, new() { ["email"] = "MINJUN.KIM@example.com" });

        Assert.Equal("/api/auth/new-user?callbackUrl=%2Fwelcome&error=EmailInUse", response.Headers.Location!.ToString());
        Assert.Null(EmailOf(site, "이서연"));
        Assert.Equal("minjun.kim@example.com", EmailOf(site, "김민준"));
    }

    [Fact]
    public async Task OnlyMissingAskedFieldsCanBeWrittenSoTheStepNeverOverwritesWhatTheProviderGave()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:NewUser:Ask:0"] = "email", ["Daemun:NewUser:Ask:1"] = "name" });
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose(); // Naver gave name and email

        using var response = await SaveAsync(browser, new() { ["email"] = "attacker@example.net", ["name"] = "Someone Else" });

        Assert.Equal("/welcome", response.Headers.Location!.ToString());
        Assert.Equal("minjun.kim@example.com", EmailOf(site, "김민준"));
        Assert.Equal(1, site.Count("users", "name = '김민준'"));
    }

    [Fact]
    public async Task SavingNeedsAValidCsrfTokenAndASignedInPerson()
    {
        await using var site = await TestSite.StartAsync(AskEmail);
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "lee")).Dispose();

        using (var forged = await SaveAsync(browser, new() { ["email"] = "lee@example.org" }, csrfToken: "forged"))
            Assert.Equal("MissingCsrf", TestBrowser.ErrorCodeOf(forged));
        using (var stranger = site.NewBrowser())
        using (var anonymous = await SaveAsync(stranger, new() { ["email"] = "lee@example.org" }))
            Assert.Equal("SessionRequired", TestBrowser.ErrorCodeOf(anonymous));

        Assert.Null(EmailOf(site, "이서연"));
    }

    [Fact]
    public async Task ATypedEmailNeverLinksAProviderAccountAndAVerifiedProviderEmailTakesItOver()
    {
        // "lee" types kim's address; kim then signs up with Google (verified email, email linking on): kim must not land in lee's user
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>(AskEmail) { ["Daemun:Providers:google:AllowEmailLinking"] = "true" });
        using var squatter = site.NewBrowser();
        (await squatter.SignInAsync("naver", "lee")).Dispose();
        (await SaveAsync(squatter, new() { ["email"] = "minjun.kim@example.com" })).Dispose();
        var squatterId = (string)site.Scalar("SELECT id FROM users")!;

        using var kim = site.NewBrowser();
        using var callback = await kim.SignInAsync("google", "kim", "/welcome");

        Assert.Equal("/welcome", callback.Headers.Location!.ToString());
        var kimId = (await kim.SessionAsync()).GetProperty("user").GetProperty("id").GetString();
        Assert.NotEqual(squatterId, kimId);
        Assert.Equal(2, site.Count("users"));
        Assert.Equal("minjun.kim@example.com", EmailOf(site, "김민준"));
        Assert.Null(EmailOf(site, "이서연"));
        Assert.Equal(1, site.Count("accounts", $"user_id = '{squatterId}'"));
    }

    [Fact]
    public async Task ATypedEmailDoesNotBlockAnUnverifiedProviderEmailEither()
    {
        await using var site = await TestSite.StartAsync(AskEmail);
        using var squatter = site.NewBrowser();
        (await squatter.SignInAsync("naver", "lee")).Dispose();
        (await SaveAsync(squatter, new() { ["email"] = "jihoon.park@example.com" })).Dispose();

        using var park = site.NewBrowser();
        using var callback = await park.SignInAsync("google", "park", "/welcome"); // Google: park's email unverified

        Assert.Null(TestBrowser.ErrorCodeOf(callback)); // not OAuthAccountNotLinked
        Assert.Equal(2, site.Count("users"));
        Assert.Equal("jihoon.park@example.com", EmailOf(site, "이서연")); // the claim stays; park's address stays on his account
        Assert.Equal(1, site.Count("accounts", "provider = 'google' AND email = 'jihoon.park@example.com'"));
    }
}
