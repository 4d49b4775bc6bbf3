using System.Security.Claims;
using Daemun.OpenIdProvider.Clients;
using Daemun.OpenIdProvider.Consent;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Daemun.Tests.OpenIdProvider;

/// <summary><see cref="ConsentStore"/> on the site's real, migrated database (SQLite, or PostgreSQL with <c>DAEMUN_TEST_STORE=postgres</c>)
/// through OpenIddict's managers: a remembered consent covers only what was granted, a new consent adds to the earlier ones, connected apps
/// are the valid permanent consents, and a revoke ends that app's authorizations and tokens of that person only.</summary>
public sealed class ConsentStoreTests(ConsentSiteFixture f) : IClassFixture<ConsentSiteFixture>
{
    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N");

    private static ClaimsPrincipal Principal(string userId) => new(new ClaimsIdentity([new Claim(Claims.Subject, userId)], "test"));

    private sealed record Scope(AsyncServiceScope Services, ConsentStore Consents, OidcClient Store, OidcClient Store2,
        IOpenIddictAuthorizationManager Authorizations, IOpenIddictTokenManager Tokens) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Services.DisposeAsync();

        public async Task<string> TokenAsync(string userId, OidcClient client, string authorizationId)
        {
            var token = await Tokens.CreateAsync(new OpenIddictTokenDescriptor
            {
                ApplicationId = client.ApplicationId, AuthorizationId = authorizationId, Subject = userId, Status = Statuses.Valid,
                Type = TokenTypeHints.RefreshToken, CreationDate = DateTimeOffset.UtcNow, ExpirationDate = DateTimeOffset.UtcNow.AddDays(1),
            });
            return (await Tokens.GetIdAsync(token))!;
        }

        /// <summary>An authorization's status as the next request reads it (a new scope: the managers cache entities per scope).</summary>
        public async Task<string?> AuthorizationStatusAsync(string id)
        {
            await using var next = Services.ServiceProvider.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var authorizations = next.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
            return await authorizations.FindByIdAsync(id) is { } a ? await authorizations.GetStatusAsync(a) : null;
        }

        /// <summary>A token's status as the next request reads it.</summary>
        public async Task<string?> TokenStatusAsync(string id)
        {
            await using var next = Services.ServiceProvider.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var tokens = next.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
            return await tokens.FindByIdAsync(id) is { } t ? await tokens.GetStatusAsync(t) : null;
        }
    }

    private async Task<Scope> ScopeAsync()
    {
        var services = f.Site.Server.App.Services.CreateAsyncScope();
        var clients = services.ServiceProvider.GetRequiredService<ClientDirectory>();
        return new Scope(services, services.ServiceProvider.GetRequiredService<ConsentStore>(),
            (await clients.FindAsync("store", default))!, (await clients.FindAsync("store2", default))!,
            services.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>(),
            services.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>());
    }

    [Fact]
    public async Task AConsentIsFoundOnlyForThatPersonAppAndScopes()
    {
        await using var s = await ScopeAsync();
        var user = NewUser();
        Assert.Null(await s.Consents.FindAsync(user, s.Store, ["openid"], default));

        var id = await s.Consents.GrantAsync(Principal(user), user, s.Store, ["openid", "profile"], default);

        Assert.Equal(id, await s.Consents.FindAsync(user, s.Store, ["openid"], default));
        Assert.Equal(id, await s.Consents.FindAsync(user, s.Store, ["profile", "openid"], default));
        Assert.Null(await s.Consents.FindAsync(user, s.Store, ["openid", "email"], default));
        Assert.Null(await s.Consents.FindAsync(user, s.Store2, ["openid"], default));
        Assert.Null(await s.Consents.FindAsync(NewUser(), s.Store, ["openid"], default));
    }

    [Fact]
    public async Task ANewConsentAddsTheScopesOfEarlierOnesAndTheAppIsListedOnce()
    {
        await using var s = await ScopeAsync();
        var user = NewUser();
        await s.Consents.GrantAsync(Principal(user), user, s.Store, ["openid", "profile"], default);

        var second = await s.Consents.GrantAsync(Principal(user), user, s.Store, ["openid", "email"], default);

        Assert.Equal(second, await s.Consents.FindAsync(user, s.Store, ["openid", "profile", "email"], default));
        var app = Assert.Single(await s.Consents.ListAsync(user, default));
        Assert.Equal("store", app.ClientId);
        Assert.Equal("App store", app.Name);
        Assert.Equal(["openid", "profile", "email"], app.Scopes);
        Assert.NotNull(app.ConnectedAt);
    }

    [Fact]
    public async Task ConnectedAppsAreTheValidPermanentConsentsOnly()
    {
        await using var s = await ScopeAsync();
        var user = NewUser();
        await s.Authorizations.CreateAsync(Principal(user), user, s.Store2.ApplicationId, AuthorizationTypes.AdHoc, ["openid"]);
        var revoked = await s.Consents.GrantAsync(Principal(user), user, s.Store2, ["openid"], default);
        await s.Authorizations.TryRevokeAsync((await s.Authorizations.FindByIdAsync(revoked))!);
        Assert.Empty(await s.Consents.ListAsync(user, default));
        Assert.Null(await s.Consents.FindAsync(user, s.Store2, ["openid"], default));

        await s.Consents.GrantAsync(Principal(user), user, s.Store, ["openid"], default);

        Assert.Equal(["store"], (await s.Consents.ListAsync(user, default)).Select(a => a.ClientId));
    }

    [Fact]
    public async Task RevokingEndsEveryAuthorizationAndTokenOfThatAppForThatPersonOnly()
    {
        await using var s = await ScopeAsync();
        var (user, other) = (NewUser(), NewUser());
        var first = await s.Consents.GrantAsync(Principal(user), user, s.Store, ["openid"], default);
        var second = await s.Consents.GrantAsync(Principal(user), user, s.Store, ["openid", "email"], default);
        var adHoc = (await s.Authorizations.GetIdAsync(await s.Authorizations.CreateAsync(Principal(user), user, s.Store.ApplicationId, AuthorizationTypes.AdHoc, ["openid"])))!;
        var otherApp = await s.Consents.GrantAsync(Principal(user), user, s.Store2, ["openid"], default);
        var othersConsent = await s.Consents.GrantAsync(Principal(other), other, s.Store, ["openid"], default);
        var tokens = new[]
        {
            await s.TokenAsync(user, s.Store, first), await s.TokenAsync(user, s.Store, second), await s.TokenAsync(user, s.Store, adHoc),
        };
        var kept = new[] { await s.TokenAsync(user, s.Store2, otherApp), await s.TokenAsync(other, s.Store, othersConsent) };

        Assert.Equal("store", await s.Consents.RevokeAsync(user, first, default));

        foreach (var id in new[] { first, second, adHoc }) Assert.Equal(Statuses.Revoked, await s.AuthorizationStatusAsync(id));
        foreach (var id in tokens) Assert.Equal(Statuses.Revoked, await s.TokenStatusAsync(id));
        Assert.Equal(Statuses.Valid, await s.AuthorizationStatusAsync(otherApp));
        Assert.Equal(Statuses.Valid, await s.AuthorizationStatusAsync(othersConsent));
        foreach (var id in kept) Assert.Equal(Statuses.Valid, await s.TokenStatusAsync(id));
        Assert.Equal(["store2"], (await s.Consents.ListAsync(user, default)).Select(a => a.ClientId));
    }

    [Fact]
    public async Task RevokingAnotherPersonsAuthorizationChangesNothing()
    {
        await using var s = await ScopeAsync();
        var (victim, attacker) = (NewUser(), NewUser());
        var consent = await s.Consents.GrantAsync(Principal(victim), victim, s.Store, ["openid", "offline_access"], default);
        var token = await s.TokenAsync(victim, s.Store, consent);

        Assert.Null(await s.Consents.RevokeAsync(attacker, consent, default));
        Assert.Null(await s.Consents.RevokeAsync(attacker, "no-such-authorization", default));

        Assert.Equal(Statuses.Valid, await s.AuthorizationStatusAsync(consent));
        Assert.Equal(Statuses.Valid, await s.TokenStatusAsync(token));
        Assert.Equal(consent, await s.Consents.FindAsync(victim, s.Store, ["openid"], default));
    }
}
