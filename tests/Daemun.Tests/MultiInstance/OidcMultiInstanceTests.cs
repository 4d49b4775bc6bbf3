using System.Net;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Daemun.Tests.MultiInstance;

/// <summary>The OpenID Provider on two instances A and B of one site (one PostgreSQL database, one data folder, one clock, one emulator), as
/// two machines behind a load balancer: what A issued, B honours — and a token reused on the other machine is caught as reused. Needs the
/// signing and encryption keys to be shared through the store. Always on PostgreSQL, like the other multi-instance tests.</summary>
public sealed class OidcMultiInstanceTests : IAsyncLifetime
{
    private const string RedirectUri = "http://127.0.0.1:5995/signin-oidc";
    private const string Secret = "multi-web-secret-0123456789-abcdef";

    private string _database = null!;
    private TestSite _a = null!;
    private TestSite _b = null!;

    public async Task InitializeAsync()
    {
        var postgres = await SharedPostgres.GetAsync();
        _database = $"oidc_multi_{Guid.NewGuid():N}";
        var connectionString = await postgres.CreateDatabaseAsync(_database);
        var settings = new Dictionary<string, string?>
        {
            ["Daemun:Store:Provider"] = "postgres",
            ["Daemun:Store:ConnectionString"] = connectionString,
            // one issuer for both, as behind the load balancer's one origin (each instance here has its own port)
            ["Daemun:OpenIdProvider:Issuer"] = "http://127.0.0.1:5994/",
            ["Daemun:OpenIdProvider:Clients:web:Type"] = "web",
            ["Daemun:OpenIdProvider:Clients:web:ClientSecret"] = Secret,
            ["Daemun:OpenIdProvider:Clients:web:RedirectUris:0"] = RedirectUri,
            ["Daemun:OpenIdProvider:Clients:web:Scopes:0"] = "openid",
            ["Daemun:OpenIdProvider:Clients:web:Scopes:1"] = "profile",
            ["Daemun:OpenIdProvider:Clients:web:Scopes:2"] = "offline_access",
            ["Daemun:OpenIdProvider:Clients:web:FirstParty"] = "true",
        };
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _a = await TestSite.StartAsync(settings, clock: clock);
        _b = await TestSite.StartAsync(settings, clock: clock, emulator: _a.Emulator, dataDirectory: _a.DataDirectory);
    }

    public async Task DisposeAsync()
    {
        if (_b is not null) await _b.DisposeAsync();
        if (_a is not null) await _a.DisposeAsync();
        await (await SharedPostgres.GetAsync()).DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task ACodeIssuedByInstanceAIsRedeemedAtInstanceB()
    {
        using var browser = _a.NewBrowser();
        var onA = new OidcTestClient(_a, "web", Secret, RedirectUri);
        var (verifier, challenge) = OidcTestClient.Pkce();
        var (code, _, error) = OidcTestClient.ReadRedirect(await onA.AuthorizeAsync(browser, onA.AuthorizeUrl(challenge, "openid profile")));
        Assert.True(code is not null, error);

        var (status, tokens) = await new OidcTestClient(_b, "web", Secret, RedirectUri).RedeemAsync(code!, verifier);

        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {tokens}\n{Lines(_b)}");
        Assert.True(tokens.TryGetProperty("id_token", out _));
        // and the code is spent for A too
        var again = await onA.RedeemAsync(code!, verifier);
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
    }

    [Fact]
    public async Task ARefreshTokenRotatedAtAAndReusedAtBIsRefusedAsReusedAndTheChainIsRevoked()
    {
        using var browser = _a.NewBrowser();
        var onA = new OidcTestClient(_a, "web", Secret, RedirectUri);
        var onB = new OidcTestClient(_b, "web", Secret, RedirectUri);
        var tokens = await onA.SignInAsync(browser, "openid offline_access");
        var first = tokens.GetProperty("refresh_token").GetString()!;
        var (rotated, body) = await onA.RefreshAsync(first);
        Assert.True(rotated == HttpStatusCode.OK, body.ToString());
        var second = body.GetProperty("refresh_token").GetString()!;

        var (reusedStatus, reused) = await onB.RefreshAsync(first);

        Assert.True(reusedStatus == HttpStatusCode.BadRequest && reused.GetProperty("error").GetString() == "invalid_grant", $"{(int)reusedStatus} {reused}\n{Lines(_b)}");
        Assert.Contains("already been redeemed", reused.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        // the chain is revoked: the newest refresh token works on neither instance
        var (newestStatus, newest) = await onA.RefreshAsync(second);
        Assert.True(newestStatus == HttpStatusCode.BadRequest, $"{(int)newestStatus} {newest}");
        Assert.Equal(HttpStatusCode.BadRequest, (await onB.RefreshAsync(second)).Status);
    }

    private static string Lines(TestSite site) =>
        string.Join('\n', site.Logs.Lines.Where(l => l.Contains("OpenID", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal)).TakeLast(15));
}
