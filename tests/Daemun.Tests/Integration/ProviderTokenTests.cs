using Microsoft.Extensions.Time.Testing;
using System.Net;
using Daemun.Emulator;
using Daemun.Tests.Infrastructure;
using Daemun.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary><c>GetAccessTokenAsync</c>: provider tokens as a service for the app, refreshed once, with each provider's rotation rule.</summary>
public sealed class ProviderTokenTests
{
    private static IProviderTokenService Tokens(TestSite site) => site.Server.App.Services.GetRequiredService<IProviderTokenService>();

    private static async Task<string> SignInAsync(TestSite site, string provider, string person = "kim")
    {
        using var browser = site.NewBrowser();
        using var callback = await browser.SignInAsync(provider, person);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Null(TestBrowser.ErrorCodeOf(callback));
        return (string)site.Scalar($"SELECT user_id FROM accounts WHERE provider = '{provider}'")!;
    }

    private static int Refreshes(ProviderEmulator emulator, string provider) =>
        emulator.Requests.Count(r => r.Provider == provider && r.Endpoint == EmulatorEndpoint.Token
            && (r.Form.GetValueOrDefault("grant_type") ?? r.Query.GetValueOrDefault("grant_type")) == "refresh_token");

    [Fact]
    public async Task AValidTokenIsReturnedAsStoredWithoutCallingTheProvider()
    {
        await using var site = await TestSite.StartAsync();
        var userId = await SignInAsync(site, "naver");
        var stored = await site.StoredTokensAsync(userId, "naver");

        var result = await Tokens(site).GetAccessTokenAsync(userId, "naver");

        Assert.Equal(AccessTokenStatus.Valid, result.Status);
        Assert.Equal(stored.AccessToken, result.AccessToken);
        Assert.Equal(0, Refreshes(site.Emulator, "naver"));
        Assert.Equal(HttpStatusCode.OK, await site.Emulator.ProfileStatusAsync("naver", result.AccessToken!));
    }

    [Fact]
    public async Task ExpiredNaverTokenIsRefreshedOnceUnderTwentyConcurrentCallersAndTheRefreshTokenIsKept()
    {
        await using var site = await TestSite.StartAsync();
        var userId = await SignInAsync(site, "naver");
        var before = await site.StoredTokensAsync(userId, "naver");
        site.Clock.Advance(TimeSpan.FromSeconds(3600));
        Assert.Equal(HttpStatusCode.Unauthorized, await site.Emulator.ProfileStatusAsync("naver", before.AccessToken!));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Tokens(site).GetAccessTokenAsync(userId, "naver"))));

        Assert.Equal(1, Refreshes(site.Emulator, "naver"));
        Assert.All(results, r => Assert.Equal(AccessTokenStatus.Valid, r.Status));
        Assert.Single(results.Select(r => r.AccessToken).Distinct());
        Assert.NotEqual(before.AccessToken, results[0].AccessToken);
        Assert.Equal(HttpStatusCode.OK, await site.Emulator.ProfileStatusAsync("naver", results[0].AccessToken!));
        var after = await site.StoredTokensAsync(userId, "naver");
        Assert.Equal(results[0].AccessToken, after.AccessToken);
        Assert.Equal(before.RefreshToken, after.RefreshToken); // Naver sends no new refresh token: the old one is kept
        Assert.Equal(site.Clock.GetUtcNow().AddSeconds(3600), after.ExpiresAt!.Value, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ATokenAboutToExpireIsRefreshedFirst()
    {
        await using var site = await TestSite.StartAsync();
        var userId = await SignInAsync(site, "naver");
        site.Clock.Advance(TimeSpan.FromSeconds(3600 - 30)); // inside the default 60 s margin

        var result = await Tokens(site).GetAccessTokenAsync(userId, "naver");

        Assert.Equal(AccessTokenStatus.Valid, result.Status);
        Assert.Equal(1, Refreshes(site.Emulator, "naver"));
    }

    [Fact]
    public async Task KakaoKeepsItsRefreshTokenUntilUnderAMonthIsLeftThenRotatesAndTheOldOneDies()
    {
        await using var site = await TestSite.StartAsync();
        var userId = await SignInAsync(site, "kakao");
        var first = await site.StoredTokensAsync(userId, "kakao");

        site.Clock.Advance(TimeSpan.FromHours(7)); // access token (6 h) expired; refresh token has ~2 months left
        var early = await Tokens(site).GetAccessTokenAsync(userId, "kakao");
        Assert.Equal(AccessTokenStatus.Valid, early.Status);
        var afterEarly = await site.StoredTokensAsync(userId, "kakao");
        Assert.Equal(first.RefreshToken, afterEarly.RefreshToken); // no refresh_token in the answer: merged, never overwritten with null

        site.Clock.Advance(TimeSpan.FromDays(31)); // now under a month left
        var late = await Tokens(site).GetAccessTokenAsync(userId, "kakao");
        Assert.Equal(AccessTokenStatus.Valid, late.Status);
        var afterLate = await site.StoredTokensAsync(userId, "kakao");
        Assert.NotEqual(first.RefreshToken, afterLate.RefreshToken);
        Assert.Equal(2, Refreshes(site.Emulator, "kakao"));
        Assert.Equal(HttpStatusCode.OK, await site.Emulator.ProfileStatusAsync("kakao", late.AccessToken!));

        // the rotated-out refresh token no longer works at Kakao; the stored new one does
        using var old = await site.Emulator.RefreshAsync("kakao", first.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Contains("KOE322", await old.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ARefreshRefusedByKakaoMarksTheAccountAndReturnsReauthorizationRequiredUntilTheNextSignIn()
    {
        await using var site = await TestSite.StartAsync();
        var userId = await SignInAsync(site, "kakao");
        site.Clock.Advance(TimeSpan.FromDays(61)); // the refresh token (~2 months) expired too

        var refused = await Tokens(site).GetAccessTokenAsync(userId, "kakao");

        Assert.Equal(AccessTokenStatus.ReauthorizationRequired, refused.Status);
        Assert.Null(refused.AccessToken);
        Assert.Equal(1L, site.Scalar("SELECT needs_reauthorization FROM accounts WHERE provider = 'kakao'"));
        Assert.Contains(site.Logs.Lines, l => l.Contains("refused the refresh token", StringComparison.Ordinal) && l.Contains("error=invalid_grant", StringComparison.Ordinal));

        // asked again: answered from the store, no second doomed request
        Assert.Equal(AccessTokenStatus.ReauthorizationRequired, (await Tokens(site).GetAccessTokenAsync(userId, "kakao")).Status);
        Assert.Equal(1, Refreshes(site.Emulator, "kakao"));

        // signing in with Kakao again authorizes anew
        await SignInAsync(site, "kakao");
        Assert.Equal(0L, site.Scalar("SELECT needs_reauthorization FROM accounts WHERE provider = 'kakao'"));
        Assert.Equal(AccessTokenStatus.Valid, (await Tokens(site).GetAccessTokenAsync(userId, "kakao")).Status);
    }

    [Fact]
    public async Task ARefreshRefusedByNaverWithHttp200IsReauthorizationRequired()
    {
        await using var site = await TestSite.StartAsync();
        var userId = await SignInAsync(site, "naver");
        var stored = await site.StoredTokensAsync(userId, "naver");
        // the person's tokens are revoked at Naver (standard revoke kills the pair)
        using (var http = new HttpClient())
        {
            var client = site.Emulator.Client("naver");
            using var revoke = await http.PostAsync(site.Emulator.EndpointsFor("naver").RevocationEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = client.ClientId, ["client_secret"] = client.ClientSecret, ["token"] = stored.AccessToken!,
            }));
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }
        site.Clock.Advance(TimeSpan.FromHours(2));

        var result = await Tokens(site).GetAccessTokenAsync(userId, "naver");

        Assert.Equal(AccessTokenStatus.ReauthorizationRequired, result.Status);
        Assert.Equal(1, Refreshes(site.Emulator, "naver"));
        Assert.Equal(1L, site.Scalar("SELECT needs_reauthorization FROM accounts WHERE provider = 'naver'"));
    }

    [Theory]
    [InlineData(Fault.ServerError)]
    [InlineData(Fault.ServiceUnavailable)]
    public async Task AProviderOutageDuringRefreshLeavesTheTokensAsTheyWereAndALaterCallSucceeds(Fault fault)
    {
        await using var site = await TestSite.StartAsync();
        var userId = await SignInAsync(site, "naver");
        var before = await site.StoredTokensAsync(userId, "naver");
        site.Clock.Advance(TimeSpan.FromHours(2));
        site.Emulator.Faults.Set("naver", EmulatorEndpoint.Token, fault);

        var failed = await Tokens(site).GetAccessTokenAsync(userId, "naver");

        Assert.Equal(AccessTokenStatus.ProviderUnavailable, failed.Status);
        Assert.Equal(before, await site.StoredTokensAsync(userId, "naver"));
        Assert.Equal(0L, site.Scalar("SELECT needs_reauthorization FROM accounts WHERE provider = 'naver'"));
        Assert.Null(site.Scalar("SELECT refresh_lease_owner FROM accounts WHERE provider = 'naver'")); // the lease was given back

        site.Emulator.Faults.Clear();
        Assert.Equal(AccessTokenStatus.Valid, (await Tokens(site).GetAccessTokenAsync(userId, "naver")).Status);
    }

    [Fact]
    public async Task UnknownUsersAndProvidersAreNotLinked()
    {
        await using var site = await TestSite.StartAsync();
        var userId = await SignInAsync(site, "naver");

        Assert.Equal(AccessTokenStatus.NotLinked, (await Tokens(site).GetAccessTokenAsync(userId, "kakao")).Status);
        Assert.Equal(AccessTokenStatus.NotLinked, (await Tokens(site).GetAccessTokenAsync("no-such-user", "naver")).Status);
        Assert.Equal(AccessTokenStatus.NotLinked, (await Tokens(site).GetAccessTokenAsync(userId, "no-such-provider")).Status);
    }

    [Fact]
    public async Task RefreshedTokensAreEncryptedAtRestAndNeverLogged()
    {
        await using var site = await TestSite.StartAsync();
        var userId = await SignInAsync(site, "naver");
        site.Clock.Advance(TimeSpan.FromHours(2));

        var result = await Tokens(site).GetAccessTokenAsync(userId, "naver");

        var stored = (string)site.Scalar("SELECT access_token FROM accounts WHERE provider = 'naver'")!;
        Assert.DoesNotContain(result.AccessToken!, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains(result.AccessToken!, StringComparison.Ordinal));
        Assert.DoesNotContain(result.AccessToken!, result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoInstancesSharingTheStoreSendOneRefreshRequestForTheSameAccount()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await TestSite.StartAsync(clock: clock);
        await using var b = await TestSite.StartAsync(clock: clock, emulator: a.Emulator, dataDirectory: a.DataDirectory);
        var userId = await SignInAsync(a, "naver");
        clock.Advance(TimeSpan.FromHours(2));

        var calls = Enumerable.Range(0, 20).Select(i => Task.Run(() => Tokens(i % 2 == 0 ? a : b).GetAccessTokenAsync(userId, "naver")));
        var results = await Task.WhenAll(calls);

        Assert.Equal(1, Refreshes(a.Emulator, "naver"));
        Assert.All(results, r => Assert.Equal(AccessTokenStatus.Valid, r.Status));
        Assert.Single(results.Select(r => r.AccessToken).Distinct());
        Assert.Equal(1L, a.Scalar("SELECT token_version FROM accounts WHERE provider = 'naver'")); // one write of new tokens
    }

    [Fact]
    public async Task WhileAnotherInstanceHoldsTheRefreshLeaseNoRequestIsSentAndItsNewTokensAreReturned()
    {
        await using var site = await TestSite.StartAsync();
        var userId = await SignInAsync(site, "naver");
        site.Clock.Advance(TimeSpan.FromHours(2));
        var until = site.Clock.GetUtcNow().AddSeconds(30).ToUnixTimeMilliseconds();
        site.Execute($"UPDATE accounts SET refresh_lease_owner = 'other-instance', refresh_lease_until = {until} WHERE provider = 'naver'");

        var waiting = Tokens(site).GetAccessTokenAsync(userId, "naver");
        await Task.Delay(400);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(0, Refreshes(site.Emulator, "naver"));

        // the other instance writes its refreshed tokens (new version, fresh expiry) and frees the lease
        var fresh = site.Clock.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds();
        site.Execute($"UPDATE accounts SET token_version = token_version + 1, expires_at = {fresh}, refresh_lease_owner = NULL, refresh_lease_until = NULL WHERE provider = 'naver'");
        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(AccessTokenStatus.Valid, result.Status);
        Assert.Equal(0, Refreshes(site.Emulator, "naver"));
    }

    [Fact]
    public async Task ALeaseLeftByACrashedInstanceRunsOutAndTheRefreshIsTakenOver()
    {
        await using var site = await TestSite.StartAsync();
        var userId = await SignInAsync(site, "naver");
        site.Clock.Advance(TimeSpan.FromHours(2));
        var past = site.Clock.GetUtcNow().AddSeconds(-1).ToUnixTimeMilliseconds();
        site.Execute($"UPDATE accounts SET refresh_lease_owner = 'crashed-instance', refresh_lease_until = {past} WHERE provider = 'naver'");

        var result = await Tokens(site).GetAccessTokenAsync(userId, "naver");

        Assert.Equal(AccessTokenStatus.Valid, result.Status);
        Assert.Equal(1, Refreshes(site.Emulator, "naver"));
        Assert.Null(site.Scalar("SELECT refresh_lease_owner FROM accounts WHERE provider = 'naver'"));
    }

    [Fact]
    public async Task AnOidcProviderThatRotatesRefreshTokensHasEachNewOneStoredAndTheOldOnesDie()
    {
        await using var env = await EmulatedSite.StartAsync(e => new()
        {
            ["Daemun:Providers:myidp:Type"] = "oidc",
            ["Daemun:Providers:myidp:Issuer"] = e.EndpointsFor("oidc").Issuer,
            ["Daemun:Providers:myidp:ClientId"] = e.Client("oidc").ClientId,
            ["Daemun:Providers:myidp:ClientSecret"] = e.Client("oidc").ClientSecret,
        });
        var site = env.Site;
        var userId = await SignInAsync(site, "myidp");
        var seen = new List<string> { (await site.StoredTokensAsync(userId, "myidp")).RefreshToken! };

        for (var i = 0; i < 2; i++)
        {
            site.Clock.Advance(TimeSpan.FromHours(2));
            Assert.Equal(AccessTokenStatus.Valid, (await Tokens(site).GetAccessTokenAsync(userId, "myidp")).Status);
            seen.Add((await site.StoredTokensAsync(userId, "myidp")).RefreshToken!);
        }

        Assert.Equal(3, seen.Distinct().Count());
        using var reuse = await site.Emulator.RefreshAsync("oidc", seen[1]);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode); // rotated out
    }

    [Fact]
    public async Task KakaoScopesAreRequestedCommaSeparatedAndTheGrantedOnesStoredSpaceSeparated()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Providers:kakao:Scope"] = "profile_nickname,account_email,profile_image" });
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("kakao", "kim", null, "profile_image");

        Assert.Null(TestBrowser.ErrorCodeOf(callback));
        var authorize = site.Emulator.Requests.Single(r => r.Provider == "kakao" && r.Endpoint == EmulatorEndpoint.Authorize);
        Assert.Equal("profile_nickname,account_email,profile_image", authorize.Query["scope"]);
        var stored = ((string)site.Scalar("SELECT scope FROM accounts WHERE provider = 'kakao'")!).Split(' ');
        Assert.Contains("account_email", stored);
        Assert.Contains("profile_nickname", stored);
        Assert.DoesNotContain("profile_image", stored); // declined
    }

    [Fact]
    public async Task AfterARestartTheStoredTokensStillDecryptWithThePersistedKeyRing()
    {
        var directory = Directory.CreateTempSubdirectory("daemun-restart-tokens-").FullName;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, KeyCache = TestSite.Keys });
        try
        {
            string userId, accessToken;
            await using (var first = await TestSite.StartAsync(clock: clock, emulator: emulator, dataDirectory: directory))
            {
                userId = await SignInAsync(first, "naver");
                accessToken = (await Tokens(first).GetAccessTokenAsync(userId, "naver")).AccessToken!;
            }

            await using var second = await TestSite.StartAsync(clock: clock, emulator: emulator, dataDirectory: directory);
            var result = await Tokens(second).GetAccessTokenAsync(userId, "naver");

            Assert.Equal(AccessTokenStatus.Valid, result.Status);
            Assert.Equal(accessToken, result.AccessToken);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
