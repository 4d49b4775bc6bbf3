using System.Net;
using System.Text.Json;
using Daemun.Emulator;
using Daemun.Storage;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary>The account rules (§5), each proven against the site's real SQLite file after a real sign-in through the emulator.</summary>
public sealed class AccountRuleTests
{
    [Fact]
    public async Task ReturningAccountSignsInTheSameUserAndRefreshesTheStoredProfile()
    {
        await using var site = await StartSiteAsync();
        using var first = site.NewBrowser();
        await SignInOkAsync(site, first, "naver", "kim");
        var userId = await UserIdAsync(first);
        Replace(site.Emulator, "kim", kim => kim with { Name = "김민준2", Email = "minjun.new@example.com", PictureUrl = "https://img.example.com/people/kim/new.jpg" });

        using var second = site.NewBrowser();
        using var callback = await second.SignInAsync("naver", "kim");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        AssertSignedIn(site, callback);
        Assert.Equal(userId, await UserIdAsync(second));
        Assert.Equal(1, site.Count("users"));
        Assert.Equal(1, site.Count("accounts"));
        Assert.Equal("김민준2", site.Scalar("SELECT name FROM accounts WHERE provider = 'naver'"));
        Assert.Equal("https://img.example.com/people/kim/new.jpg", site.Scalar("SELECT image FROM accounts WHERE provider = 'naver'"));
        Assert.Equal("minjun.new@example.com", site.Scalar("SELECT email FROM accounts WHERE provider = 'naver'"));
        var raw = JsonDocument.Parse((string)site.Scalar("SELECT raw_profile FROM accounts WHERE provider = 'naver'")!).RootElement;
        Assert.Equal("김민준2", raw.GetProperty("response").GetProperty("name").GetString());
        Assert.Equal("김민준2", site.Scalar($"SELECT name FROM users WHERE id = '{userId}'"));
        Assert.Equal("https://img.example.com/people/kim/new.jpg", site.Scalar($"SELECT image FROM users WHERE id = '{userId}'"));
        Assert.Equal("minjun.kim@example.com", site.Scalar($"SELECT email FROM users WHERE id = '{userId}'")); // the user's email is not rewritten by a provider
        Assert.Equal("김민준2", (await second.SessionAsync()).GetProperty("user").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ReturningAccountGetsTheNewTokensButKeepsItsRefreshTokenWhenTheProviderSendsNone()
    {
        // Google sends a refresh token only for access_type=offline: the first sign-in asks for one, the second does not.
        await using var site = await StartSiteAsync(("Daemun:Providers:google:AuthorizationParameters:access_type", "offline"));
        var store = site.Server.App.Services.GetRequiredService<IUserStore>();
        using var first = site.NewBrowser();
        await SignInOkAsync(site, first, "google", "kim");
        var userId = await UserIdAsync(first);
        var before = Assert.Single(await store.AccountsOfUserAsync(userId, CancellationToken.None)).Tokens;
        Assert.NotNull(before.RefreshToken);
        // A validated declaration cannot change while a site runs: the second sign-in goes through a site on the same store, key ring and
        // emulator whose Google is declared without access_type=offline.
        await using var withoutOffline = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:ProviderTimeout"] = "00:00:30" },
            emulator: site.Emulator, clock: site.Clock, dataDirectory: Path.GetDirectoryName(site.DatabasePath));

        using var second = withoutOffline.NewBrowser();
        await SignInOkAsync(withoutOffline, second, "google", "kim");

        var after = Assert.Single(await store.AccountsOfUserAsync(userId, CancellationToken.None)).Tokens;
        Assert.NotEqual(before.AccessToken, after.AccessToken);
        Assert.NotEqual(before.IdToken, after.IdToken);
        Assert.Equal(before.RefreshToken, after.RefreshToken);
        Assert.Equal(0, site.Count("accounts", $"refresh_token = '{before.RefreshToken}' OR access_token = '{after.AccessToken}'")); // encrypted at rest
    }

    [Fact]
    public async Task NewAccountIsLinkedToTheSignedInUserOnTheirLinkIntent()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");
        var userId = await UserIdAsync(browser);

        using var callback = await browser.LinkAsync("kakao", "kim");

        AssertSignedIn(site, callback);
        Assert.Equal(1, site.Count("users"));
        Assert.Equal(2, site.Count("accounts", $"user_id = '{userId}'"));
        Assert.Equal(1, site.Count("accounts", $"provider = 'kakao' AND provider_account_id = '3141592653589' AND user_id = '{userId}'"));
        Assert.Equal(userId, await UserIdAsync(browser));
    }

    [Fact]
    public async Task NewAccountIsLinkedOnTheLinkIntentEvenWhenItsEmailDiffers()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");
        var userId = await UserIdAsync(browser);

        using var callback = await browser.LinkAsync("github", "jane");

        AssertSignedIn(site, callback);
        Assert.Equal(1, site.Count("users"));
        Assert.Equal(1, site.Count("accounts", $"provider = 'github' AND user_id = '{userId}'"));
    }

    [Fact]
    public async Task NewAccountWhileSignedInWithoutLinkIntentWritesNothingAndAsks()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");
        var userId = await UserIdAsync(browser);

        using var callback = await browser.SignInAsync("kakao", "kim");

        Assert.True(TestBrowserLinking.IsChoice(callback), $"expected the choice page: {callback.Headers.Location}\n{site.Logs.All}");
        Assert.Equal(0, site.Count("accounts", "provider = 'kakao'"));
        Assert.Equal(1, site.Count("users"));
        Assert.Equal(userId, await UserIdAsync(browser)); // still the same session
    }

    [Fact]
    public async Task AccountLinkedToAnotherUserIsRefusedOnALinkIntentAndNeverMoved()
    {
        await using var site = await StartSiteAsync();
        using var a = site.NewBrowser();
        await SignInOkAsync(site, a, "naver", "kim");
        var userA = await UserIdAsync(a);
        using var b = site.NewBrowser();
        await SignInOkAsync(site, b, "kakao", "jane");
        var userB = await UserIdAsync(b);
        Assert.NotEqual(userA, userB);

        using var callback = await a.LinkAsync("kakao", "jane");

        AssertRefused(site, callback, "AccountAlreadyLinked");
        Assert.Equal(1, site.Count("accounts", "provider = 'kakao'"));
        Assert.Equal(userB, site.Scalar("SELECT user_id FROM accounts WHERE provider = 'kakao'"));
        Assert.Equal(2, site.Count("users"));
        Assert.Equal(userA, await UserIdAsync(a)); // still signed in as A
    }

    [Fact]
    public async Task AccountLinkedToAnotherUserWithoutLinkIntentSignsInThatUserInANewSession()
    {
        await using var site = await StartSiteAsync();
        using var a = site.NewBrowser();
        await SignInOkAsync(site, a, "naver", "kim");
        var userA = await UserIdAsync(a);
        var sessionA = a.Cookie("daemun.session-token")!.Value;
        using var b = site.NewBrowser();
        await SignInOkAsync(site, b, "kakao", "jane");
        var userB = await UserIdAsync(b);

        using var callback = await a.SignInAsync("kakao", "jane");

        AssertSignedIn(site, callback);
        Assert.Equal(userB, await UserIdAsync(a));
        Assert.NotEqual(sessionA, a.Cookie("daemun.session-token")!.Value);
        Assert.Equal(1, site.Count("accounts", "provider = 'kakao'"));
        Assert.Equal(1, site.Count("accounts", $"user_id = '{userA}'"));
        Assert.Equal(2, site.Count("sessions")); // A's old session was replaced, not kept
    }

    [Fact]
    public async Task SigningInAgainWithAnAccountOfTheSignedInUserIsNotAConflict()
    {
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");
        var userId = await UserIdAsync(browser);

        using var callback = await browser.SignInAsync("naver", "kim");

        AssertSignedIn(site, callback);
        Assert.Equal(userId, await UserIdAsync(browser));
        Assert.Equal(1, site.Count("accounts"));
    }

    [Fact]
    public async Task NewAccountWhoseEmailBelongsToAnExistingUserIsRefusedWithOAuthAccountNotLinked()
    {
        await using var site = await StartSiteAsync();
        using var first = site.NewBrowser();
        await SignInOkAsync(site, first, "naver", "kim");

        using var second = site.NewBrowser();
        using var callback = await second.SignInAsync("google", "kim");

        AssertRefused(site, callback, "OAuthAccountNotLinked");
        Assert.Equal(1, site.Count("users"));
        Assert.Equal(1, site.Count("accounts"));
        Assert.Equal(0, site.Count("accounts", "provider = 'google'"));
        Assert.Equal(1, site.Count("sessions"));
        Assert.Equal(JsonValueKind.Object, (await second.SessionAsync()).ValueKind);
        Assert.False((await second.SessionAsync()).TryGetProperty("user", out _));
    }

    [Fact]
    public async Task EmailMatchIgnoresCase()
    {
        await using var site = await StartSiteAsync();
        site.Emulator.People.Add(new TestPerson { Id = "kim-upper", Name = "KIM", Email = "MinJun.Kim@EXAMPLE.com" });
        using var first = site.NewBrowser();
        await SignInOkAsync(site, first, "naver", "kim");

        using var second = site.NewBrowser();
        using var callback = await second.SignInAsync("google", "kim-upper");

        AssertRefused(site, callback, "OAuthAccountNotLinked");
        Assert.Equal(1, site.Count("users"));
    }

    [Fact]
    public async Task EmailLinkingLinksToTheExistingUserWhenTheProviderOptsInAndVerifiedTheEmail()
    {
        await using var site = await StartSiteAsync(("Daemun:Providers:google:AllowEmailLinking", "true"));
        using var first = site.NewBrowser();
        await SignInOkAsync(site, first, "naver", "kim");
        var userId = await UserIdAsync(first);

        using var second = site.NewBrowser();
        using var callback = await second.SignInAsync("google", "kim");

        AssertSignedIn(site, callback);
        Assert.Equal(userId, await UserIdAsync(second));
        Assert.Equal(1, site.Count("users"));
        Assert.Equal(1, site.Count("accounts", $"provider = 'google' AND user_id = '{userId}'"));
    }

    [Fact]
    public async Task EmailLinkingIsRefusedWhenTheProviderOptsInButTheEmailIsUnverified()
    {
        await using var site = await StartSiteAsync(("Daemun:Providers:google:AllowEmailLinking", "true"));
        using var first = site.NewBrowser();
        await SignInOkAsync(site, first, "naver", "park");

        using var second = site.NewBrowser();
        using var callback = await second.SignInAsync("google", "park"); // Google says email_verified: false for park

        AssertRefused(site, callback, "OAuthAccountNotLinked");
        Assert.Equal(1, site.Count("users"));
        Assert.Equal(0, site.Count("accounts", "provider = 'google'"));
    }

    [Fact]
    public async Task EmailLinkingIsOffUnlessTheProviderOptsIn()
    {
        await using var site = await StartSiteAsync(("Daemun:Providers:kakao:AllowEmailLinking", "true"));
        using var first = site.NewBrowser();
        await SignInOkAsync(site, first, "naver", "kim");

        using var second = site.NewBrowser();
        using var callback = await second.SignInAsync("google", "kim"); // verified, but only kakao opted in

        AssertRefused(site, callback, "OAuthAccountNotLinked");
    }

    [Fact]
    public async Task NewAccountWithADifferentOrNoEmailCreatesANewUser()
    {
        await using var site = await StartSiteAsync();
        using var kim = site.NewBrowser();
        await SignInOkAsync(site, kim, "naver", "kim");
        using var leeNaver = site.NewBrowser();
        await SignInOkAsync(site, leeNaver, "naver", "lee"); // no email
        using var leeKakao = site.NewBrowser();
        await SignInOkAsync(site, leeKakao, "kakao", "lee"); // no email either: nothing to match, never merged
        using var jane = site.NewBrowser();
        await SignInOkAsync(site, jane, "google", "jane"); // a different email

        var ids = new[] { await UserIdAsync(kim), await UserIdAsync(leeNaver), await UserIdAsync(leeKakao), await UserIdAsync(jane) };
        Assert.Equal(4, ids.Distinct().Count());
        Assert.Equal(4, site.Count("users"));
        Assert.Equal(2, site.Count("users", "email IS NULL"));
        Assert.Equal(4, site.Count("accounts"));
    }

    [Fact]
    public async Task AFailureDuringSignInLeavesNoPartialRows()
    {
        await using var site = await StartSiteAsync();
        if (site.Store == "postgres")
        {
            site.Execute("CREATE FUNCTION fail_session() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$");
            site.Execute("CREATE TRIGGER fail_session BEFORE INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION fail_session()");
        }
        else
        {
            site.Execute("CREATE TRIGGER fail_session BEFORE INSERT ON sessions BEGIN SELECT RAISE(ABORT, 'boom'); END");
        }
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("naver", "kim");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        AssertRefused(site, callback, "StoreUnavailable");
        using (var errorPage = await browser.GetAsync(callback.Headers.Location!.ToString()))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, errorPage.StatusCode);
            Assert.DoesNotContain("boom", await errorPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(0, site.Count("users"));
        Assert.Equal(0, site.Count("accounts"));
        Assert.Equal(0, site.Count("sessions"));
        Assert.Null(browser.Cookie("daemun.session-token"));

        site.Execute(site.Store == "postgres" ? "DROP TRIGGER fail_session ON sessions" : "DROP TRIGGER fail_session");
        using var retry = await browser.SignInAsync("naver", "kim");
        AssertSignedIn(site, retry);
        Assert.Equal(1, site.Count("users"));
    }

    [Theory]
    [InlineData("naver", "kim")]
    [InlineData("kakao", "lee")] // no email: only the account's unique key stands between the racers
    [InlineData("google", "jane")]
    public async Task ConcurrentCallbacksForTheSameNewAccountCreateExactlyOneUser(string provider, string person)
    {
        await using var site = await StartSiteAsync();
        var browsers = Enumerable.Range(0, 8).Select(_ => site.NewBrowser()).ToList();
        try
        {
            var callbacks = new List<string>();
            foreach (var b in browsers) callbacks.Add(await b.ConsentAsync(await b.StartAsync(provider), person));

            var responses = await Task.WhenAll(browsers.Select((b, i) => b.GetAsync(callbacks[i])));

            foreach (var r in responses)
            {
                Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
                AssertSignedIn(site, r);
                r.Dispose();
            }
            Assert.Equal(1, site.Count("users"));
            Assert.Equal(1, site.Count("accounts"));
            Assert.Equal(8, site.Count("sessions"));
            var userId = (string)site.Scalar("SELECT id FROM users")!;
            foreach (var b in browsers) Assert.Equal(userId, await UserIdAsync(b));
        }
        finally
        {
            foreach (var b in browsers) b.Dispose();
        }
    }

    [Fact]
    public async Task ConcurrentNewAccountsWithTheSameEmailCreateOneUserAndRefuseTheOther()
    {
        await using var site = await StartSiteAsync();
        site.Emulator.People.Add(new TestPerson { Id = "twin-a", Name = "Twin A", Email = "twin@example.com" });
        site.Emulator.People.Add(new TestPerson { Id = "twin-b", Name = "Twin B", Email = "TWIN@example.com" });
        using var a = site.NewBrowser();
        using var b = site.NewBrowser();
        var callbackA = await a.ConsentAsync(await a.StartAsync("google"), "twin-a");
        var callbackB = await b.ConsentAsync(await b.StartAsync("google"), "twin-b");

        var responses = await Task.WhenAll(a.GetAsync(callbackA), b.GetAsync(callbackB));

        var codes = responses.Select(TestBrowser.ErrorCodeOf).ToList();
        foreach (var r in responses) r.Dispose();
        Assert.Single(codes, c => c is null);
        Assert.Single(codes, c => c == "OAuthAccountNotLinked");
        Assert.Equal(1, site.Count("users"));
        Assert.Equal(1, site.Count("accounts"));
        Assert.Equal(1, site.Count("sessions"));
    }

    [Fact]
    public async Task StoreReportsATakenUniqueKeyAsAConflictAndKeepsNothingOfThatTransaction()
    {
        // the contract the callback's retry relies on: a lost race surfaces as StoreConflictException, not as an outage
        await using var site = await StartSiteAsync();
        using var browser = site.NewBrowser();
        await SignInOkAsync(site, browser, "naver", "kim");
        var store = site.Server.App.Services.GetRequiredService<IUserStore>();
        var now = site.Clock.GetUtcNow();
        var account = (await store.AccountsOfUserAsync(await UserIdAsync(browser), CancellationToken.None))[0];

        await Assert.ThrowsAsync<StoreConflictException>(() => store.InTransactionAsync(async tx =>
        {
            await tx.InsertUserAsync(new UserRecord("other", "Other", null, false, null, now, now));
            await tx.InsertUserAsync(new UserRecord("twin", "Twin", " MINJUN.KIM@example.com", true, null, now, now));
            return 0;
        }, CancellationToken.None));
        await Assert.ThrowsAsync<StoreConflictException>(() => store.InTransactionAsync(async tx =>
        {
            await tx.InsertAccountAsync(account with { Id = "copy" });
            return 0;
        }, CancellationToken.None));

        Assert.Equal(1, site.Count("users"));
        Assert.Equal(1, site.Count("accounts"));
    }

    /// <summary>A site whose provider calls may take long: the emulator creates its RSA keys on first use, which is slow on a busy machine.</summary>
    private static Task<TestSite> StartSiteAsync(params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Daemun:ProviderTimeout"] = "00:00:30" };
        foreach (var (key, value) in settings) all[key] = value;
        return TestSite.StartAsync(all);
    }

    private static async Task SignInOkAsync(TestSite site, TestBrowser browser, string provider, string person)
    {
        using var callback = await browser.SignInAsync(provider, person);
        AssertSignedIn(site, callback);
    }

    private static void AssertSignedIn(TestSite site, HttpResponseMessage callback) =>
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect && TestBrowser.ErrorCodeOf(callback) is null,
            $"sign-in failed: {(int)callback.StatusCode} {callback.Headers.Location}\n{site.Logs.All}");

    private static void AssertRefused(TestSite site, HttpResponseMessage callback, string code) =>
        Assert.True(TestBrowser.ErrorCodeOf(callback) == code, $"expected {code}: {(int)callback.StatusCode} {callback.Headers.Location}\n{site.Logs.All}");

    private static async Task<string> UserIdAsync(TestBrowser browser)
    {
        var session = await browser.SessionAsync();
        Assert.True(session.TryGetProperty("user", out var user), $"not signed in: {session}");
        return user.GetProperty("id").GetString()!;
    }

    private static void Replace(ProviderEmulator emulator, string id, Func<TestPerson, TestPerson> change)
    {
        var people = emulator.People;
        var index = people.ToList().FindIndex(p => p.Id == id);
        people[index] = change(people[index]);
    }
}
