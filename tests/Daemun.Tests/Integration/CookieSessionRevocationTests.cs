using System.Net;
using System.Text.Json;
using Daemun.Sessions;
using Daemun.Storage;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary>Finding 4: a cookie session is checked against its user row every <c>Daemun:Session:RevalidateEvery</c> (default 5 minutes), so
/// deleting or disabling the user, or "sign out everywhere" on another device, ends it within that interval — and it never slides past a
/// revocation. Database sessions honour the same rules on every request. Run on both stores (<c>DAEMUN_TEST_STORE</c>).</summary>
public sealed class CookieSessionRevocationTests
{
    private const string SessionCookie = "daemun.session-token";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_deleted_users_cookie_session_ends_after_the_interval_and_not_before()
    {
        await using var site = await StartAsync("Cookie");
        using var deviceA = await SignedInAsync(site);
        var userId = await UserIdAsync(deviceA);

        Assert.True(await Store(site).DeleteUserAsync(userId!, CancellationToken.None));

        site.Clock.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(userId, await UserIdAsync(deviceA)); // trusted until the next check: the documented staleness
        site.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await UserIdAsync(deviceA));
        Assert.Null(deviceA.Cookie(SessionCookie)); // deleted, not merely ignored
    }

    [Fact]
    public async Task Sign_out_everywhere_on_device_B_ends_the_cookie_session_on_device_A_after_the_interval()
    {
        await using var site = await StartAsync("Cookie");
        using var deviceA = await SignedInAsync(site);
        using var deviceB = await SignedInAsync(site);
        var userId = await UserIdAsync(deviceA);
        Assert.Equal(userId, await UserIdAsync(deviceB));
        site.Clock.Advance(TimeSpan.FromMinutes(1));

        using (var signOut = await deviceB.PostFormAsync("/api/auth/signout", Form(("csrfToken", await deviceB.CsrfAsync()), ("everywhere", "true"), ("callbackUrl", "/bye"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
            Assert.Equal("/bye", signOut.Headers.Location!.ToString());
        }
        Assert.Null(await UserIdAsync(deviceB));
        Assert.NotNull(site.Scalar($"SELECT sessions_revoked_at FROM users WHERE id = '{userId}'"));

        Assert.Equal(userId, await UserIdAsync(deviceA)); // checked one minute ago: not yet
        site.Clock.Advance(Interval);
        Assert.Null(await UserIdAsync(deviceA));

        // a sign-in after the revocation is a new session and is not affected by it
        site.Clock.Advance(TimeSpan.FromSeconds(1));
        using var again = await SignedInAsync(site);
        site.Clock.Advance(Interval * 2);
        Assert.Equal(userId, await UserIdAsync(again));
    }

    [Theory]
    [InlineData("ko", "모든 기기에서 로그아웃")]
    [InlineData("en", "Sign out on all devices")]
    public async Task The_sign_out_page_offers_sign_out_everywhere_in_the_persons_language(string language, string label)
    {
        await using var site = await StartAsync("Cookie");
        using var browser = await SignedInAsync(site);

        using var page = await browser.GetAsync($"/api/auth/signout?lang={language}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Contains($"<button type=\"submit\" class=\"plain\" name=\"everywhere\" value=\"true\">{label}</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_sign_out_on_device_B_leaves_device_A_signed_in()
    {
        await using var site = await StartAsync("Cookie");
        using var deviceA = await SignedInAsync(site);
        using var deviceB = await SignedInAsync(site);
        var userId = await UserIdAsync(deviceA);

        (await deviceB.PostFormAsync("/api/auth/signout", Form(("csrfToken", await deviceB.CsrfAsync())))).Dispose();
        site.Clock.Advance(Interval * 2);

        Assert.Equal(userId, await UserIdAsync(deviceA));
        Assert.Null(await UserIdAsync(deviceB));
    }

    [Fact]
    public async Task A_disabled_users_cookie_session_ends_after_the_interval_and_they_cannot_sign_in_again()
    {
        await using var site = await StartAsync("Cookie");
        using var deviceA = await SignedInAsync(site);
        var userId = await UserIdAsync(deviceA);

        Assert.True(await site.Server.App.Services.GetRequiredService<IDaemunSessions>().SetDisabledAsync(userId!, true, CancellationToken.None));

        Assert.Equal(userId, await UserIdAsync(deviceA));
        site.Clock.Advance(Interval);
        Assert.Null(await UserIdAsync(deviceA));

        using var other = site.NewBrowser();
        using var callback = await other.SignInAsync("naver", "kim");
        Assert.Equal("AccountDisabled", TestBrowser.ErrorCodeOf(callback));
        Assert.Null(other.Cookie(SessionCookie));
    }

    [Fact]
    public async Task A_cookie_no_longer_extends_itself_past_a_revocation()
    {
        // the cookie slides every minute but would be checked only every hour: sliding forces the check
        await using var site = await StartAsync("Cookie", ("Daemun:Session:UpdateAge", "00:01:00"), ("Daemun:Session:RevalidateEvery", "01:00:00"));
        using var deviceA = await SignedInAsync(site);
        var userId = await UserIdAsync(deviceA);
        site.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await site.Server.App.Services.GetRequiredService<IDaemunSessions>().SignOutEverywhereAsync(userId!, CancellationToken.None));
        var before = deviceA.Cookie(SessionCookie)!.Value;

        site.Clock.Advance(TimeSpan.FromMinutes(2));
        using var response = await deviceA.GetAsync("/api/auth/session");

        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        Assert.NotEqual(before, deviceA.Cookie(SessionCookie)?.Value ?? "");
        Assert.Null(deviceA.Cookie(SessionCookie));
    }

    [Fact]
    public async Task A_cookie_session_is_reissued_with_the_new_check_time_so_the_next_check_waits_a_full_interval()
    {
        await using var site = await StartAsync("Cookie");
        using var deviceA = await SignedInAsync(site);
        var userId = await UserIdAsync(deviceA);
        var first = deviceA.Cookie(SessionCookie)!.Value;

        site.Clock.Advance(Interval);
        Assert.Equal(userId, await UserIdAsync(deviceA)); // checked now, cookie re-issued
        Assert.NotEqual(first, deviceA.Cookie(SessionCookie)!.Value);

        Assert.True(await Store(site).DeleteUserAsync(userId!, CancellationToken.None));
        site.Clock.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(userId, await UserIdAsync(deviceA));
        site.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await UserIdAsync(deviceA));
    }

    [Fact]
    public async Task When_the_store_is_down_at_a_revalidation_the_answer_is_StoreUnavailable_not_a_session()
    {
        await using var site = await StartAsync("Cookie");
        using var deviceA = await SignedInAsync(site);
        var userId = await UserIdAsync(deviceA);
        site.Execute("ALTER TABLE users RENAME TO users_away"); // every read of a user row fails from now on

        Assert.Equal(userId, await UserIdAsync(deviceA)); // within the interval nothing is read
        site.Clock.Advance(Interval);
        using (var response = await deviceA.GetAsync("/api/auth/session"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("StoreUnavailable", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        }
        Assert.NotNull(deviceA.Cookie(SessionCookie)); // fail closed, but the person is not signed out by an outage

        site.Execute("ALTER TABLE users_away RENAME TO users");
        Assert.Equal(userId, await UserIdAsync(deviceA));
    }

    [Fact]
    public async Task Database_sessions_end_at_once_when_the_user_is_disabled_or_signs_out_everywhere()
    {
        await using var site = await StartAsync("Database");
        using var deviceA = await SignedInAsync(site);
        using var deviceB = await SignedInAsync(site);
        var userId = await UserIdAsync(deviceA);
        Assert.Equal(2, site.Count("sessions"));

        (await deviceB.PostFormAsync("/api/auth/signout", Form(("csrfToken", await deviceB.CsrfAsync()), ("everywhere", "true")))).Dispose();
        Assert.Equal(0, site.Count("sessions"));
        Assert.Null(await UserIdAsync(deviceA));

        site.Clock.Advance(TimeSpan.FromSeconds(1));
        using var deviceC = await SignedInAsync(site);
        Assert.Equal(userId, await UserIdAsync(deviceC));
        // a session row the disabling did not delete (written by a sign-in racing it) is refused all the same
        site.Execute($"UPDATE users SET disabled = 1 WHERE id = '{userId}'");
        Assert.Null(await UserIdAsync(deviceC));
        Assert.Equal(0, site.Count("sessions"));
    }

    [Fact]
    public async Task A_database_session_issued_before_a_revocation_is_refused_even_if_its_row_survived()
    {
        await using var site = await StartAsync("Database");
        using var deviceA = await SignedInAsync(site);
        var userId = await UserIdAsync(deviceA);
        site.Clock.Advance(TimeSpan.FromSeconds(1));
        var later = site.Clock.GetUtcNow().AddSeconds(1).ToUnixTimeMilliseconds();
        site.Execute($"UPDATE users SET sessions_revoked_at = {later} WHERE id = '{userId}'"); // as if its row had been written after the delete

        Assert.Null(await UserIdAsync(deviceA));
        Assert.Equal(0, site.Count("sessions"));
    }

    private static Task<TestSite> StartAsync(string strategy, params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Daemun:Session:Strategy"] = strategy, ["Daemun:ProviderTimeout"] = "00:00:30" };
        foreach (var (key, value) in settings) all[key] = value;
        return TestSite.StartAsync(all);
    }

    private static IUserStore Store(TestSite site) => site.Server.App.Services.GetRequiredService<IUserStore>();

    private static async Task<TestBrowser> SignedInAsync(TestSite site)
    {
        var browser = site.NewBrowser();
        using var callback = await browser.SignInAsync("naver", "kim");
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Null(TestBrowser.ErrorCodeOf(callback));
        return browser;
    }

    private static async Task<string?> UserIdAsync(TestBrowser browser)
    {
        var session = await browser.SessionAsync();
        return session.TryGetProperty("user", out var user) ? user.GetProperty("id").GetString() : null;
    }

    private static IEnumerable<KeyValuePair<string, string>> Form(params (string Key, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value));
}
