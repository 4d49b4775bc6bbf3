using System.Globalization;
using Daemun.Audit;
using Daemun.Errors;
using Daemun.Providers;
using Daemun.Storage;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary>The audit log (issue 12's foundation): the events the sign-in, linking, unlinking, deletion and sign-out flows write in the real store,
/// written in the same transaction as the change where there is one, without secrets, and pruned after <c>Daemun:Audit:Retention</c> in batches.</summary>
public sealed class AuditLogTests
{
    private const string Agent = "AuditProbe/1.0 (tests)";

    private sealed record Row(string Type, string? UserId, string? Provider, string? Error, string? Ip, string? UserAgent, string? Details, long OccurredAt)
    {
        /// <summary>Every stored value as text, to look for secrets in.</summary>
        public string Text => string.Join('\n', Type, UserId, Provider, Error, Ip, UserAgent, Details, OccurredAt.ToString(CultureInfo.InvariantCulture));
    }

    private static List<Row> Rows(TestSite site)
    {
        using var connection = site.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT event_type, user_id, provider, error_code, ip, user_agent, details, occurred_at FROM audit_events ORDER BY occurred_at";
        using var reader = command.ExecuteReader();
        var rows = new List<Row>();
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        while (reader.Read())
        {
            rows.Add(new(reader.GetString(0), Text(1), Text(2), Text(3), Text(4), Text(5), Text(6), Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    private static void InsertAt(TestSite site, DateTimeOffset at, int count)
    {
        for (var i = 0; i < count; i++)
        {
            site.Execute($"INSERT INTO audit_events (id, occurred_at, event_type) VALUES ('{Guid.NewGuid():N}', {at.ToUnixTimeMilliseconds()}, 'user.signed_in')");
        }
    }

    [Fact]
    public async Task ASignUpWritesUserCreatedAndUserSignedInWithTheProviderTheClientAddressAndTheUserAgent()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        browser.UseUserAgent(Agent);

        using var callback = await browser.SignInAsync("kakao", "kim");

        Assert.Null(TestBrowser.ErrorCodeOf(callback));
        var userId = (string)site.Scalar("SELECT id FROM users")!;
        var rows = Rows(site);
        Assert.Equal(["user.created", "user.signed_in"], rows.Select(r => r.Type).Order());
        Assert.All(rows, r =>
        {
            Assert.Equal(userId, r.UserId);
            Assert.Equal("kakao", r.Provider);
            Assert.Equal("127.0.0.1", r.Ip);
            Assert.Equal(Agent, r.UserAgent);
            Assert.Null(r.Error);
            Assert.Equal(site.Clock.GetUtcNow().ToUnixTimeMilliseconds(), r.OccurredAt); // the injected clock
        });
        Assert.Contains("\"outcome\":\"Created\"", rows.Single(r => r.Type == "user.signed_in").Details, StringComparison.Ordinal);

        using var again = site.NewBrowser();
        (await again.SignInAsync("kakao", "kim")).Dispose();

        rows = Rows(site);
        Assert.Single(rows, r => r.Type == "user.created"); // a returning person is not created again
        Assert.Equal(2, rows.Count(r => r.Type == "user.signed_in" && r.UserId == userId));
        Assert.Single(rows, r => r.Type == "user.signed_in" && r.UserAgent is null); // the second browser sent none
    }

    [Fact]
    public async Task ARefusedCallbackWritesSignInFailedWithItsCodeAndNoSecretAndATruncatedUserAgent()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        var longAgent = "Mozilla/5.0 " + new string('x', 2000);
        browser.UseUserAgent(longAgent);
        var pending = await PendingCallback.StartAsync(browser, "kakao");

        using var refused = await browser.GetAsync(pending.With("state", "tampered"));

        var code = TestBrowser.ErrorCodeOf(refused);
        Assert.NotNull(code);
        var row = Assert.Single(Rows(site));
        Assert.Equal("sign_in.failed", row.Type);
        Assert.Equal(code, row.Error);
        Assert.Equal("kakao", row.Provider);
        Assert.Null(row.UserId);
        Assert.Equal("127.0.0.1", row.Ip);
        Assert.Equal(longAgent[..AuditEvent.MaxUserAgentLength], row.UserAgent);
        Assert.NotEmpty(pending.Secrets);
        Assert.All(pending.Secrets, secret => Assert.DoesNotContain(secret, row.Text, StringComparison.Ordinal));
        Assert.Equal(0, site.Count("users"));
    }

    [Fact]
    public async Task AProviderIdFromTheCallbackPathIsStoredOnlyAsASafeToken()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        using var refused = await browser.GetAsync("/api/auth/callback/%3Cscript%3Ealert%0A1?code=some-code-value&state=some-state-value");

        Assert.Equal(nameof(ErrorCode.UnknownProvider), TestBrowser.ErrorCodeOf(refused));
        var row = Assert.Single(Rows(site));
        Assert.Equal("sign_in.failed", row.Type);
        Assert.Equal("scriptalert1", row.Provider);
        Assert.DoesNotContain("some-code-value", row.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkingUnlinkingAndSigningOutEverywhereOnTheAccountPagesWriteTheirEvents()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        browser.UseUserAgent(Agent);
        (await browser.SignInAsync("naver", "kim")).Dispose();
        var userId = (string)site.Scalar("SELECT id FROM users")!;

        using (var linked = await browser.LinkAsync("kakao", "kim")) Assert.Null(TestBrowser.ErrorCodeOf(linked));
        var link = Assert.Single(Rows(site), r => r.Type == "account.linked");
        Assert.Equal(("kakao", userId, "127.0.0.1", Agent), (link.Provider, link.UserId, link.Ip, link.UserAgent));

        using (var unlinked = await browser.PostFormAsync("/api/auth/account/unlink/naver",
            new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync(), ["callbackUrl"] = "/account" }))
        {
            Assert.Equal("/account", unlinked.Headers.Location!.ToString());
        }
        var unlink = Assert.Single(Rows(site), r => r.Type == "account.unlinked");
        Assert.Equal(("naver", userId, "127.0.0.1", Agent), (unlink.Provider, unlink.UserId, unlink.Ip, unlink.UserAgent));

        // the last account cannot be disconnected: a refused unlink writes nothing
        using (var refused = await browser.PostFormAsync("/api/auth/account/unlink/kakao",
            new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync(), ["callbackUrl"] = "/account" }))
        {
            Assert.Contains("error=LastAccount", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
        Assert.Single(Rows(site), r => r.Type == "account.unlinked");

        using (var signedOut = await browser.PostFormAsync("/api/auth/signout",
            new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync(), ["callbackUrl"] = "/", ["everywhere"] = "true" }))
        {
            Assert.Null(TestBrowser.ErrorCodeOf(signedOut));
        }
        var revoked = Assert.Single(Rows(site), r => r.Type == "session.revoked");
        Assert.Equal(userId, revoked.UserId);
    }

    [Fact]
    public async Task DeletingTheUserWritesUserDeletedAndKeepsTheHistory()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("google", "kim")).Dispose();
        var userId = (string)site.Scalar("SELECT id FROM users")!;

        using var deleted = await browser.PostFormAsync("/api/auth/account/delete",
            new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync(), ["callbackUrl"] = "/" });

        Assert.Null(TestBrowser.ErrorCodeOf(deleted));
        Assert.Equal(0, site.Count("users"));
        var rows = Rows(site);
        Assert.Equal(userId, Assert.Single(rows, r => r.Type == "user.deleted").UserId);
        Assert.Contains(rows, r => r.Type == "user.created" && r.UserId == userId); // no cascade from users
    }

    [Fact]
    public async Task AnEventAppendedInARolledBackTransactionIsNotKept()
    {
        await using var site = await TestSite.StartAsync();
        var store = site.Server.App.Services.GetRequiredService<IUserStore>();
        AuditEvent Event(string userId) => new(AuditEventType.UserDeleted, site.Clock.GetUtcNow(), userId, null, null, null, null, null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.InTransactionAsync<int>(async tx =>
        {
            await tx.AppendAuditAsync(Event("rolled-back"));
            throw new InvalidOperationException("the change fails after its event was appended");
        }, CancellationToken.None));
        await store.InTransactionAsync(async tx => { await tx.AppendAuditAsync(Event("committed")); return 0; }, CancellationToken.None);

        Assert.Equal(["committed"], Rows(site).Select(r => r.UserId));
    }

    [Fact]
    public async Task PruningDeletesOnlyEventsOlderThanTheRetentionInBatches()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Audit:Retention"] = "30.00:00:00" });
        var now = site.Clock.GetUtcNow();
        InsertAt(site, now - TimeSpan.FromDays(31), 25);
        InsertAt(site, now - TimeSpan.FromDays(29), 5);
        var pruning = site.Server.App.Services.GetRequiredService<AuditPruning>();

        var (deleted, batches) = await pruning.PruneAsync(batchSize: 10, CancellationToken.None);

        Assert.Equal(25, deleted);
        Assert.Equal(3, batches); // 10, 10, 5: no statement deleted more than a batch
        var left = Rows(site);
        Assert.Equal(5, left.Count);
        Assert.All(left, r => Assert.Equal((now - TimeSpan.FromDays(29)).ToUnixTimeMilliseconds(), r.OccurredAt));
    }

    [Fact]
    public async Task TheHourlyJobPrunesWithTheDefaultRetentionOfNinetyDays()
    {
        await using var site = await TestSite.StartAsync();
        var now = site.Clock.GetUtcNow();
        InsertAt(site, now - TimeSpan.FromDays(91), 3);
        InsertAt(site, now - TimeSpan.FromDays(80), 2);

        // the job's timer may start after the site did: tick until it has run (at most two days pass, so the 80-day-old rows stay young)
        for (var i = 0; i < 48 && site.Count("audit_events") > 2; i++)
        {
            site.Clock.Advance(AuditPruning.Every);
            await Task.Delay(200);
        }

        Assert.Equal(2, site.Count("audit_events"));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-1.00:00:00")]
    public async Task ANonPositiveRetentionStopsStartUpNamingTheKey(string retention)
    {
        var error = await Assert.ThrowsAsync<DaemunConfigurationException>(() =>
            TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Audit:Retention"] = retention }));

        Assert.Equal("Daemun:Audit:Retention", error.Key);
    }

    [Fact]
    public async Task WithoutADatabaseSignInsAndRefusalsWorkAndNothingIsRecorded()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:Store:Provider"] = "none",
            ["Daemun:Session:Strategy"] = "Cookie",
        });
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("google", "kim", "/home");
        using var refused = await browser.GetAsync("/api/auth/callback/google?code=some-code-value&state=some-state-value");

        Assert.Equal("/home", callback.Headers.Location!.ToString());
        Assert.NotNull(TestBrowser.ErrorCodeOf(refused));
        Assert.Null(site.Server.App.Services.GetService<IAuditStore>());
        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains("Audit", StringComparison.Ordinal));
    }
}
