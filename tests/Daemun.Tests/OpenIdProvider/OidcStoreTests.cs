using System.Globalization;
using Daemun.OpenIdProvider.Storage;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>Daemun's OpenIddict stores through OpenIddict's own managers, on a real migrated database (SQLite, or PostgreSQL with
/// <c>DAEMUN_TEST_STORE=postgres</c>): applications by client id and exact redirect URI, hashed secrets, authorizations and their
/// revocation, tokens by reference id, single redemption across two server instances, pruning, scopes.</summary>
public sealed class OidcStoreTests(OidcStoreDatabase db) : IClassFixture<OidcStoreDatabase>
{
    private DateTimeOffset Now => db.Clock.GetUtcNow();

    [Fact]
    public async Task AnApplicationIsFoundByClientIdAndByEachOfItsRedirectUrisExactlyNeverByAPrefixOrAVariant()
    {
        var id = await CreateApplicationAsync("app-find", "https://app-find.example/cb", "https://app-find.example/cb?x=1&y=2");

        await using var scope = db.Server.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var found = Assert.IsType<OidcApplication>(await applications.FindByClientIdAsync("app-find"));
        Assert.Equal(id, found.Id);
        Assert.Null(await applications.FindByClientIdAsync("app-fin"));
        Assert.Null(await applications.FindByClientIdAsync("APP-FIND"));
        Assert.Equal(["https://app-find.example/cb", "https://app-find.example/cb?x=1&y=2"], (await applications.GetRedirectUrisAsync(found)).Order());

        Assert.Equal([id], await IdsAsync(applications.FindByRedirectUriAsync("https://app-find.example/cb")));
        Assert.Equal([id], await IdsAsync(applications.FindByRedirectUriAsync("https://app-find.example/cb?x=1&y=2")));
        Assert.Equal([id], await IdsAsync(applications.FindByPostLogoutRedirectUriAsync("https://app-find.example/bye")));
        foreach (var other in new[] { "https://app-find.example/c", "https://app-find.example/cb/", "https://app-find.example/cb?x=1", "https://APP-FIND.example/cb",
                     "https://app-find.example/cb%", "https://app-find.example/bye" })
        {
            Assert.Empty(await IdsAsync(applications.FindByRedirectUriAsync(other)));
        }
        Assert.Empty(await IdsAsync(applications.FindByPostLogoutRedirectUriAsync("https://app-find.example/cb")));
        Assert.True(await applications.ValidateRedirectUriAsync(found, "https://app-find.example/cb"));
        Assert.False(await applications.ValidateRedirectUriAsync(found, "https://app-find.example/cb/evil"));
    }

    [Fact]
    public async Task TheClientSecretIsStoredOnlyAsAHashThatValidatesTheSecretAndNoOther()
    {
        var id = await CreateApplicationAsync("app-secret", "https://app-secret.example/cb");

        var stored = (string?)await db.ScalarAsync("SELECT client_secret FROM oidc_applications WHERE id = @id", ("id", id));
        Assert.False(string.IsNullOrEmpty(stored));
        Assert.DoesNotContain(Secret, stored);
        await using var scope = db.Server.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = (await applications.FindByClientIdAsync("app-secret"))!;
        Assert.True(await applications.ValidateClientSecretAsync(application, Secret));
        Assert.False(await applications.ValidateClientSecretAsync(application, Secret + "x"));
        Assert.False(await applications.ValidateClientSecretAsync(application, stored!));
    }

    [Fact]
    public async Task AnUpdateMovesTheRedirectUrisAndAStaleCopyCannotOverwriteIt()
    {
        var id = await CreateApplicationAsync("app-update", "https://app-update.example/old");

        await using var first = db.Server.CreateAsyncScope();
        await using var second = db.OtherServer.CreateAsyncScope();
        var applications = first.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var otherApplications = second.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = (await applications.FindByIdAsync(id))!;
        var stale = (await otherApplications.FindByIdAsync(id))!;

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application);
        descriptor.RedirectUris.Clear();
        descriptor.RedirectUris.Add(new Uri("https://app-update.example/new"));
        descriptor.DisplayNames[CultureInfo.GetCultureInfo("ko-KR")] = "업데이트 앱";
        await applications.UpdateAsync(application, descriptor);

        Assert.Empty(await IdsAsync(applications.FindByRedirectUriAsync("https://app-update.example/old")));
        Assert.Equal([id], await IdsAsync(applications.FindByRedirectUriAsync("https://app-update.example/new")));
        await using (var fresh = db.Server.CreateAsyncScope())
        {
            var reread = fresh.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var names = await reread.GetDisplayNamesAsync((await reread.FindByIdAsync(id))!);
            Assert.Equal("업데이트 앱", names[CultureInfo.GetCultureInfo("ko-KR")]);
        }

        var staleDescriptor = new OpenIddictApplicationDescriptor();
        await otherApplications.PopulateAsync(staleDescriptor, stale);
        staleDescriptor.DisplayName = "stale";
        await Assert.ThrowsAsync<OpenIddictExceptions.ConcurrencyException>(async () => await otherApplications.UpdateAsync(stale, staleDescriptor));
        Assert.Equal("app-update", await db.ScalarAsync("SELECT display_name FROM oidc_applications WHERE id = @id", ("id", id)));
        Assert.Equal(1L, await db.ScalarAsync("SELECT COUNT(*) FROM oidc_application_uris WHERE application_id = @id AND kind = 0", ("id", id)));
    }

    [Fact]
    public async Task TwoServersCreatingTheSameClientIdAtOnceKeepOneAndTheOtherGetsAConflict()
    {
        using var start = new SemaphoreSlim(0);
        var creations = new[] { db.Server, db.OtherServer }.Select(server => Task.Run(async () =>
        {
            await using var scope = server.CreateAsyncScope();
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var descriptor = new OpenIddictApplicationDescriptor { ClientId = "app-twice", ClientType = ClientTypes.Public, RedirectUris = { new Uri("https://app-twice.example/cb") } };
            await start.WaitAsync();
            try { return (Error: (Exception?)null, Id: await applications.GetIdAsync(await applications.CreateAsync(descriptor))); }
            catch (Exception e) { return (Error: e, Id: (string?)null); }
        })).ToList();
        start.Release(creations.Count);
        var outcomes = await Task.WhenAll(creations);

        var created = Assert.Single(outcomes, o => o.Error is null).Id;
        // the manager's own duplicate check sees the winner, or the unique index refuses the loser
        var refused = Assert.Single(outcomes, o => o.Error is not null).Error;
        Assert.True(refused is Daemun.Storage.StoreConflictException or OpenIddictExceptions.ValidationException, refused?.ToString());
        Assert.Equal(1L, await db.ScalarAsync("SELECT COUNT(*) FROM oidc_applications WHERE client_id = 'app-twice'"));
        Assert.Equal(1L, await db.ScalarAsync("SELECT COUNT(*) FROM oidc_application_uris WHERE uri = 'https://app-twice.example/cb'"));
        Assert.Equal(created, await db.ScalarAsync("SELECT id FROM oidc_applications WHERE client_id = 'app-twice'"));

        // past the manager's check (the race it cannot see), the unique index is the backstop, and the loser leaves no URI behind
        var store = db.OtherServer.GetRequiredService<IOpenIddictApplicationStore<OidcApplication>>();
        await Assert.ThrowsAsync<Daemun.Storage.StoreConflictException>(async () => await store.CreateAsync(
            new OidcApplication { ClientId = "app-twice", RedirectUris = "[\"https://app-twice.example/other\"]" }, CancellationToken.None));
        Assert.Equal(0L, await db.ScalarAsync("SELECT COUNT(*) FROM oidc_application_uris WHERE uri = 'https://app-twice.example/other'"));
    }

    [Fact]
    public async Task JsonValuedFieldsRoundTripThroughTheirColumns()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var key = Microsoft.IdentityModel.Tokens.JsonWebKeyConverter.ConvertFromRSASecurityKey(
            new Microsoft.IdentityModel.Tokens.RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)) { KeyId = "kid-1" });
        var keys = new Microsoft.IdentityModel.Tokens.JsonWebKeySet();
        keys.Keys.Add(key);
        string id;
        await using (var scope = db.Server.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = "app-json", ClientType = ClientTypes.Confidential, JsonWebKeySet = keys, ApplicationType = ApplicationTypes.Web,
                RedirectUris = { new Uri("https://app-json.example/cb") },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
                Settings = { [Settings.TokenLifetimes.AccessToken] = "00:10:00" },
                DisplayNames = { [CultureInfo.GetCultureInfo("en-US")] = "JSON app" },
            };
            descriptor.Properties["first_party"] = System.Text.Json.JsonSerializer.SerializeToElement(true);
            id = (await applications.GetIdAsync(await applications.CreateAsync(descriptor)))!;
        }

        await using (var scope = db.OtherServer.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var application = (await applications.FindByIdAsync(id))!;
            var reloaded = Assert.Single((await applications.GetJsonWebKeySetAsync(application))!.Keys);
            Assert.Equal(("kid-1", key.N, key.E), (reloaded.Kid, reloaded.N, reloaded.E));
            Assert.True(await applications.HasRequirementAsync(application, Requirements.Features.ProofKeyForCodeExchange));
            Assert.Equal("00:10:00", (await applications.GetSettingsAsync(application))[Settings.TokenLifetimes.AccessToken]);
            Assert.True((await applications.GetPropertiesAsync(application))["first_party"].GetBoolean());
            Assert.Equal("JSON app", (await applications.GetDisplayNamesAsync(application))[CultureInfo.GetCultureInfo("en-US")]);
            Assert.True(await applications.HasApplicationTypeAsync(application, ApplicationTypes.Web));
        }
    }

    [Fact]
    public async Task DeletingAnApplicationDeletesItsUrisAuthorizationsAndTokens()
    {
        var id = await CreateApplicationAsync("app-delete", "https://app-delete.example/cb");
        var authorization = await CreateAuthorizationAsync(id, "subject-delete", Statuses.Valid, AuthorizationTypes.Permanent, Now, "openid");
        await CreateTokenAsync(id, authorization, "subject-delete", TokenTypeIdentifiers.RefreshToken, Statuses.Valid, Now, null);
        await CreateTokenAsync(id, null, "subject-delete", TokenTypeIdentifiers.AccessToken, Statuses.Valid, Now, null);

        await using (var scope = db.Server.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            await applications.DeleteAsync((await applications.FindByIdAsync(id))!);
            Assert.Null(await applications.FindByClientIdAsync("app-delete"));
        }

        Assert.Equal(0L, await db.ScalarAsync("SELECT COUNT(*) FROM oidc_application_uris WHERE application_id = @id", ("id", id)));
        Assert.Equal(0L, await db.ScalarAsync("SELECT COUNT(*) FROM oidc_authorizations WHERE application_id = @id", ("id", id)));
        Assert.Equal(0L, await db.ScalarAsync("SELECT COUNT(*) FROM oidc_tokens WHERE subject = 'subject-delete'"));
    }

    [Fact]
    public async Task AnAuthorizationIsFoundBySubjectClientStatusTypeAndGrantedScopesOnly()
    {
        var client = await CreateApplicationAsync("app-authz", "https://app-authz.example/cb");
        var other = await CreateApplicationAsync("app-authz-other", "https://app-authz-other.example/cb");
        var id = await CreateAuthorizationAsync(client, "subject-authz", Statuses.Valid, AuthorizationTypes.Permanent, Now, "openid", "profile");
        await CreateAuthorizationAsync(other, "subject-authz", Statuses.Valid, AuthorizationTypes.Permanent, Now, "openid", "profile");

        await using var scope = db.Server.CreateAsyncScope();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        Assert.Equal([id], await IdsAsync(authorizations.FindAsync("subject-authz", client, Statuses.Valid, AuthorizationTypes.Permanent, ["openid"])));
        Assert.Equal([id], await IdsAsync(authorizations.FindAsync("subject-authz", client, Statuses.Valid, AuthorizationTypes.Permanent, ["profile", "openid"])));
        Assert.Empty(await IdsAsync(authorizations.FindAsync("subject-authz", client, Statuses.Valid, AuthorizationTypes.Permanent, ["openid", "email"])));
        Assert.Empty(await IdsAsync(authorizations.FindAsync("subject-authz", client, Statuses.Valid, AuthorizationTypes.AdHoc, ["openid"])));
        Assert.Empty(await IdsAsync(authorizations.FindAsync("subject-authz", client, Statuses.Revoked, null, null)));
        Assert.Empty(await IdsAsync(authorizations.FindAsync("subject-auth", client, null, null, null)));
        Assert.Equal(2, (await IdsAsync(authorizations.FindBySubjectAsync("subject-authz"))).Count);
        Assert.Equal([id], await IdsAsync(authorizations.FindByApplicationIdAsync(client)));
        var found = (await authorizations.FindByIdAsync(id))!;
        Assert.Equal(["openid", "profile"], (await authorizations.GetScopesAsync(found)).Order());
        Assert.Equal(Now, await authorizations.GetCreationDateAsync(found));
    }

    [Fact]
    public async Task RevokingAnAuthorizationAndItsTokensLeavesAnotherAuthorizationsTokensValid()
    {
        var client = await CreateApplicationAsync("app-revoke", "https://app-revoke.example/cb");
        var revoked = await CreateAuthorizationAsync(client, "subject-revoke", Statuses.Valid, AuthorizationTypes.Permanent, Now, "openid");
        var kept = await CreateAuthorizationAsync(client, "subject-revoke", Statuses.Valid, AuthorizationTypes.Permanent, Now, "openid");
        var revokedTokens = new[]
        {
            await CreateTokenAsync(client, revoked, "subject-revoke", TokenTypeIdentifiers.RefreshToken, Statuses.Valid, Now, Now.AddDays(14)),
            await CreateTokenAsync(client, revoked, "subject-revoke", TokenTypeIdentifiers.AccessToken, Statuses.Valid, Now, Now.AddHours(1)),
        };
        var keptToken = await CreateTokenAsync(client, kept, "subject-revoke", TokenTypeIdentifiers.RefreshToken, Statuses.Valid, Now, Now.AddDays(14));

        await using (var scope = db.Server.CreateAsyncScope())
        {
            var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
            var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
            Assert.True(await authorizations.TryRevokeAsync((await authorizations.FindByIdAsync(revoked))!));
            Assert.Equal(2L, await tokens.RevokeByAuthorizationIdAsync(revoked));
        }

        Assert.Equal(Statuses.Revoked, await db.ScalarAsync("SELECT status FROM oidc_authorizations WHERE id = @id", ("id", revoked)));
        Assert.Equal(Statuses.Valid, await db.ScalarAsync("SELECT status FROM oidc_authorizations WHERE id = @id", ("id", kept)));
        foreach (var token in revokedTokens) Assert.Equal(Statuses.Revoked, await db.ScalarAsync("SELECT status FROM oidc_tokens WHERE id = @id", ("id", token)));
        Assert.Equal(Statuses.Valid, await db.ScalarAsync("SELECT status FROM oidc_tokens WHERE id = @id", ("id", keptToken)));
    }

    [Fact]
    public async Task ATokenIsFoundByItsReferenceIdWhichIsStoredOnlyHashed()
    {
        var client = await CreateApplicationAsync("app-reference", "https://app-reference.example/cb");
        var reference = "reference-" + Guid.NewGuid().ToString("N");
        var id = await CreateTokenAsync(client, null, "subject-reference", TokenTypeIdentifiers.AccessToken, Statuses.Valid, Now, Now.AddHours(1), reference, "payload-1");

        var stored = (string?)await db.ScalarAsync("SELECT reference_id FROM oidc_tokens WHERE id = @id", ("id", id));
        Assert.False(string.IsNullOrEmpty(stored));
        Assert.NotEqual(reference, stored);
        await using var scope = db.Server.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var found = await tokens.FindByReferenceIdAsync(reference);
        Assert.NotNull(found);
        Assert.Equal(id, await tokens.GetIdAsync(found));
        Assert.Equal("payload-1", await tokens.GetPayloadAsync(found));
        Assert.Null(await tokens.FindByReferenceIdAsync(reference[..^1]));
        Assert.Null(await tokens.FindByReferenceIdAsync(stored!)); // the stored value is not itself a reference id
        Assert.Equal([id], await IdsAsync(tokens.FindAsync("subject-reference", client, Statuses.Valid, TokenTypeIdentifiers.AccessToken)));
        Assert.Empty(await IdsAsync(tokens.FindAsync("subject-reference", client, Statuses.Valid, TokenTypeIdentifiers.RefreshToken)));
        Assert.Equal([id], await IdsAsync(tokens.FindBySubjectAsync("subject-reference")));
    }

    [Fact]
    public async Task TwoServersRedeemingTheSameTokenAtOnceLetExactlyOneSucceed()
    {
        var client = await CreateApplicationAsync("app-redeem", "https://app-redeem.example/cb");
        for (var round = 0; round < 5; round++)
        {
            var id = await CreateTokenAsync(client, null, "subject-redeem", TokenTypeIdentifiers.Private.AuthorizationCode, Statuses.Valid, Now, Now.AddMinutes(5), "code-" + Guid.NewGuid());
            await using var first = db.Server.CreateAsyncScope();
            await using var second = db.OtherServer.CreateAsyncScope();
            var racers = new[] { first, second }.Select(s => (Tokens: s.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>(), Token: (object?)null)).ToArray();
            for (var i = 0; i < racers.Length; i++) racers[i].Token = await racers[i].Tokens.FindByIdAsync(id); // both read the code while valid
            Assert.All(racers, r => Assert.NotNull(r.Token));

            using var start = new SemaphoreSlim(0);
            var redemptions = racers.Select(r => Task.Run(async () =>
            {
                await start.WaitAsync();
                return await r.Tokens.TryRedeemAsync(r.Token!);
            })).ToList();
            start.Release(redemptions.Count);
            var outcomes = await Task.WhenAll(redemptions);

            Assert.Single(outcomes, won => won);
            Assert.Equal(Statuses.Redeemed, await db.ScalarAsync("SELECT status FROM oidc_tokens WHERE id = @id", ("id", id)));
            Assert.NotNull(await db.ScalarAsync("SELECT redemption_date FROM oidc_tokens WHERE id = @id", ("id", id)));
        }
    }

    [Fact]
    public async Task ARedemptionBasedOnWhatWasReadBeforeARevocationFails()
    {
        var client = await CreateApplicationAsync("app-late-redeem", "https://app-late-redeem.example/cb");
        var authorization = await CreateAuthorizationAsync(client, "subject-late", Statuses.Valid, AuthorizationTypes.Permanent, Now, "openid");
        var id = await CreateTokenAsync(client, authorization, "subject-late", TokenTypeIdentifiers.RefreshToken, Statuses.Valid, Now, Now.AddDays(14));

        await using var first = db.Server.CreateAsyncScope();
        var tokens = first.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var token = (await tokens.FindByIdAsync(id))!;
        Assert.True(await tokens.HasStatusAsync(token, Statuses.Valid));
        await using (var second = db.OtherServer.CreateAsyncScope())
        {
            Assert.Equal(1L, await second.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().RevokeByAuthorizationIdAsync(authorization));
        }

        Assert.False(await tokens.TryRedeemAsync(token));
        Assert.Equal(Statuses.Revoked, await db.ScalarAsync("SELECT status FROM oidc_tokens WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task PruningDeletesOnlyOldUnusableTokensAndAuthorizations()
    {
        var client = await CreateApplicationAsync("app-prune", "https://app-prune.example/cb");
        var old = Now.AddDays(-30);
        var threshold = Now.AddDays(-10);
        var oldValidAuthorization = await CreateAuthorizationAsync(client, "subject-prune", Statuses.Valid, AuthorizationTypes.Permanent, old, "openid");
        var oldRevokedAuthorization = await CreateAuthorizationAsync(client, "subject-prune", Statuses.Revoked, AuthorizationTypes.Permanent, old, "openid");
        var oldAdHocWithoutTokens = await CreateAuthorizationAsync(client, "subject-prune", Statuses.Valid, AuthorizationTypes.AdHoc, old, "openid");
        var oldAdHocWithToken = await CreateAuthorizationAsync(client, "subject-prune", Statuses.Valid, AuthorizationTypes.AdHoc, old, "openid");
        var recentRevokedAuthorization = await CreateAuthorizationAsync(client, "subject-prune", Statuses.Revoked, AuthorizationTypes.Permanent, Now, "openid");

        var oldRedeemed = await CreateTokenAsync(client, oldValidAuthorization, "subject-prune", TokenTypeIdentifiers.Private.AuthorizationCode, Statuses.Redeemed, old, old.AddMinutes(5));
        var oldExpired = await CreateTokenAsync(client, oldValidAuthorization, "subject-prune", TokenTypeIdentifiers.AccessToken, Statuses.Valid, old, old.AddHours(1));
        var oldValid = await CreateTokenAsync(client, oldAdHocWithToken, "subject-prune", TokenTypeIdentifiers.RefreshToken, Statuses.Valid, old, Now.AddDays(30));
        var oldOfRevokedAuthorization = await CreateTokenAsync(client, oldRevokedAuthorization, "subject-prune", TokenTypeIdentifiers.RefreshToken, Statuses.Valid, old, Now.AddDays(30));
        var recentRedeemed = await CreateTokenAsync(client, oldValidAuthorization, "subject-prune", TokenTypeIdentifiers.Private.AuthorizationCode, Statuses.Redeemed, Now, Now.AddMinutes(5));
        var oldWithoutExpiry = await CreateTokenAsync(client, null, "subject-prune", TokenTypeIdentifiers.AccessToken, Statuses.Inactive, old, null);

        await using (var scope = db.Server.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold) >= 3);
            Assert.True(await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold) >= 2);
        }

        Task<bool> TokenExists(string id) => ExistsAsync("oidc_tokens", id);
        Task<bool> AuthorizationExists(string id) => ExistsAsync("oidc_authorizations", id);
        Assert.False(await TokenExists(oldRedeemed));
        Assert.False(await TokenExists(oldExpired));
        Assert.False(await TokenExists(oldOfRevokedAuthorization));
        Assert.True(await TokenExists(oldValid));
        Assert.True(await TokenExists(recentRedeemed));
        Assert.True(await TokenExists(oldWithoutExpiry));
        Assert.False(await AuthorizationExists(oldRevokedAuthorization));
        Assert.False(await AuthorizationExists(oldAdHocWithoutTokens));
        Assert.True(await AuthorizationExists(oldValidAuthorization));
        Assert.True(await AuthorizationExists(oldAdHocWithToken));
        Assert.True(await AuthorizationExists(recentRevokedAuthorization));
    }

    [Fact]
    public async Task ScopesAreFoundByNameByNamesAndByAnExactResource()
    {
        await using var scope = db.Server.CreateAsyncScope();
        var scopes = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
        await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = "store:read", DisplayName = "Read", Resources = { "daemun-api", "https://api.example/" } });
        await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = "store:write", Resources = { "daemun-api-write" } });

        var read = await scopes.FindByNameAsync("store:read");
        Assert.NotNull(read);
        Assert.Null(await scopes.FindByNameAsync("store:rea"));
        Assert.Equal(["store:read", "store:write"], (await NamesAsync(scopes, scopes.FindByNamesAsync(["store:read", "store:write", "store:none"]))).Order());
        Assert.Equal(["store:read"], await NamesAsync(scopes, scopes.FindByResourceAsync("daemun-api")));
        Assert.Equal(["store:read"], await NamesAsync(scopes, scopes.FindByResourceAsync("https://api.example/")));
        Assert.Equal(["store:write"], await NamesAsync(scopes, scopes.FindByResourceAsync("daemun-api-write")));
        Assert.Empty(await NamesAsync(scopes, scopes.FindByResourceAsync("daemun_api")));
        Assert.Empty(await NamesAsync(scopes, scopes.FindByResourceAsync("daemun")));
        Assert.Empty(await NamesAsync(scopes, scopes.FindByResourceAsync("%")));
        var resources = new List<string>();
        await foreach (var resource in scopes.ListResourcesAsync(["store:read"])) resources.Add(resource);
        Assert.Equal(["daemun-api", "https://api.example/"], resources.Order());
    }

    [Fact]
    public async Task ListingsReadPastAPageWithCountAndOffset()
    {
        var client = await CreateApplicationAsync("app-many", "https://app-many.example/cb");
        var created = new List<string>();
        for (var i = 0; i < OidcDatabase.PageSize + 30; i++)
        {
            created.Add(await CreateTokenAsync(client, null, "subject-many", TokenTypeIdentifiers.AccessToken, Statuses.Valid, Now, Now.AddHours(1)));
        }

        await using var scope = db.Server.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var byApplication = await IdsAsync(tokens.FindByApplicationIdAsync(client));
        Assert.Equal(created.Order(StringComparer.Ordinal), byApplication.Order(StringComparer.Ordinal));
        Assert.Equal(byApplication.Count, byApplication.Distinct().Count());
        var all = await IdsAsync(tokens.ListAsync(null, null));
        Assert.Superset(created.ToHashSet(), all.ToHashSet());
        var window = await IdsAsync(tokens.ListAsync(120, 5));
        Assert.Equal(all.Skip(5).Take(120), window);
    }

    [Fact]
    public async Task TheQueryableOverloadsAreRefusedWithAClearMessage()
    {
        await using var scope = db.Server.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var error = await Assert.ThrowsAsync<NotSupportedException>(async () => await tokens.CountAsync(query => query));
        Assert.Contains("IQueryable", error.Message);
        await Assert.ThrowsAsync<NotSupportedException>(async () => await applications.GetAsync(query => query));
        Assert.Equal(await applications.CountAsync(), await db.ScalarAsync("SELECT COUNT(*) FROM oidc_applications"));
    }

    private async Task<bool> ExistsAsync(string table, string id) =>
        await db.ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE id = @id", ("id", id)) is 1L;

    private const string Secret = "a-client-secret-of-some-length-0123456789";

    private async Task<string> CreateApplicationAsync(string clientId, params string[] redirectUris)
    {
        await using var scope = db.Server.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = Secret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Explicit,
            DisplayName = clientId,
            PostLogoutRedirectUris = { new Uri($"https://{clientId}.example/bye") },
            Permissions = { Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code },
        };
        foreach (var uri in redirectUris) descriptor.RedirectUris.Add(new Uri(uri));
        var application = await applications.CreateAsync(descriptor);
        return (await applications.GetIdAsync(application))!;
    }

    private async Task<string> CreateAuthorizationAsync(string applicationId, string subject, string status, string type, DateTimeOffset created, params string[] scopes)
    {
        await using var scope = db.Server.CreateAsyncScope();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        var descriptor = new OpenIddictAuthorizationDescriptor { ApplicationId = applicationId, Subject = subject, Status = status, Type = type, CreationDate = created };
        descriptor.Scopes.UnionWith(scopes);
        return (await authorizations.GetIdAsync(await authorizations.CreateAsync(descriptor)))!;
    }

    private async Task<string> CreateTokenAsync(string applicationId, string? authorizationId, string subject, string type, string status,
        DateTimeOffset created, DateTimeOffset? expires, string? referenceId = null, string? payload = null)
    {
        await using var scope = db.Server.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var token = await tokens.CreateAsync(new OpenIddictTokenDescriptor
        {
            ApplicationId = applicationId, AuthorizationId = authorizationId, Subject = subject, Type = type, Status = status,
            CreationDate = created, ExpirationDate = expires, ReferenceId = referenceId, Payload = payload,
        });
        return (await tokens.GetIdAsync(token))!;
    }

    private static async Task<List<string>> IdsAsync(IAsyncEnumerable<object> entities)
    {
        var ids = new List<string>();
        await foreach (var entity in entities)
        {
            ids.Add(entity switch
            {
                OidcApplication a => a.Id,
                OidcAuthorization a => a.Id,
                OidcToken t => t.Id,
                _ => throw new InvalidOperationException(entity.GetType().Name),
            });
        }
        return ids;
    }

    private static async Task<List<string>> NamesAsync(IOpenIddictScopeManager scopes, IAsyncEnumerable<object> found)
    {
        var names = new List<string>();
        await foreach (var scope in found) names.Add((await scopes.GetNameAsync(scope))!);
        return names;
    }
}
