using Daemun.OpenIdProvider.Server;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>Tokens that can no longer be used leave the store (the hourly pass) once their chain is past any use, not before.</summary>
public sealed class PruningTests
{
    [Fact]
    public async Task RedeemedAndExpiredTokensArePrunedAfterARefreshLifetimeLiveOnesStay()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:OpenIdProvider:Clients:app:Type"] = "web",
            ["Daemun:OpenIdProvider:Clients:app:ClientSecret"] = "app-secret-0123456789",
            ["Daemun:OpenIdProvider:Clients:app:RedirectUris:0"] = "http://127.0.0.1:5998/cb",
            ["Daemun:OpenIdProvider:Clients:app:Scopes:0"] = "openid",
            ["Daemun:OpenIdProvider:Clients:app:Scopes:1"] = "offline_access",
            ["Daemun:OpenIdProvider:Clients:app:FirstParty"] = "true",
            ["Daemun:OpenIdProvider:RefreshTokenLifetime"] = "1.00:00:00",
        });
        var app = new OidcTestClient(site, "app", "app-secret-0123456789", "http://127.0.0.1:5998/cb");
        using var browser = site.NewBrowser();
        await app.SignInAsync(browser, "openid offline_access"); // a redeemed code, an access token, a refresh token
        var before = site.Count("oidc_tokens");
        Assert.True(before >= 2, $"tokens on record: {before}");
        var pruning = site.Server.App.Services.GetRequiredService<OidcPruning>();

        var (early, _) = await pruning.PruneAsync(CancellationToken.None);
        Assert.Equal(0, early); // within the refresh lifetime nothing goes: a reused code or token must still be recognised

        site.Clock.Advance(TimeSpan.FromDays(2)); // everything expired, older than one refresh lifetime: the hourly pass removes it
        for (var wait = 0; wait < 100 && site.Count("oidc_tokens") > 0; wait++) await Task.Delay(100);
        Assert.Equal(0, site.Count("oidc_tokens"));
        Assert.Contains(site.Logs.Lines, l => l.Contains($"pruned {before} token(s)", StringComparison.Ordinal));
    }
}
