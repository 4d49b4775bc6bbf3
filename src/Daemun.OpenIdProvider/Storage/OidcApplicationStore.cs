using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Daemun.Storage;
using Dapper;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;

namespace Daemun.OpenIdProvider.Storage;

/// <summary>OpenIddict's applications in Daemun's database (<c>oidc_applications</c>). Redirect and post-logout redirect URIs are also
/// written to <c>oidc_application_uris</c>, one row each, so that finding the client of a URI is an exact, indexed match.
/// Updates are optimistic (<see cref="OidcApplication.ConcurrencyToken"/>).</summary>
internal sealed class OidcApplicationStore(SqlDialect dialect) : IOpenIddictApplicationStore<OidcApplication>
{
    private const string Columns = "id AS Id, client_id AS ClientId, client_secret AS ClientSecret, client_type AS ClientType, " +
        "application_type AS ApplicationType, consent_type AS ConsentType, display_name AS DisplayName, display_names AS DisplayNames, " +
        "json_web_key_set AS JsonWebKeySet, permissions AS Permissions, post_logout_redirect_uris AS PostLogoutRedirectUris, " +
        "redirect_uris AS RedirectUris, requirements AS Requirements, settings AS Settings, properties AS Properties, concurrency_token AS ConcurrencyToken";

    private const int RedirectUri = 0;
    private const int PostLogoutRedirectUri = 1;

    private readonly OidcDatabase _db = new(dialect);

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken) =>
        await _db.SingleAsync<long>("count applications", "SELECT COUNT(*) FROM oidc_applications", null, cancellationToken);

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<OidcApplication>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        throw OidcStoreErrors.NoQueryable(nameof(CountAsync));

    public async ValueTask CreateAsync(OidcApplication application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (string.IsNullOrEmpty(application.Id)) application.Id = Guid.CreateVersion7().ToString("N");
        application.ConcurrencyToken = Guid.NewGuid().ToString("N");
        await _db.WriteAsync("create application", async (c, tx) =>
        {
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO oidc_applications (id, client_id, client_secret, client_type, application_type, consent_type, display_name, display_names, " +
                "json_web_key_set, permissions, post_logout_redirect_uris, redirect_uris, requirements, settings, properties, concurrency_token) VALUES " +
                "(@Id, @ClientId, @ClientSecret, @ClientType, @ApplicationType, @ConsentType, @DisplayName, @DisplayNames, @JsonWebKeySet, @Permissions, " +
                "@PostLogoutRedirectUris, @RedirectUris, @Requirements, @Settings, @Properties, @ConcurrencyToken)",
                application, tx, cancellationToken: cancellationToken));
            await WriteUrisAsync(c, tx, application, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    public async ValueTask DeleteAsync(OidcApplication application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        // its URIs, authorizations and their tokens go with it (ON DELETE CASCADE)
        var deleted = await _db.ExecuteAsync("delete application",
            "DELETE FROM oidc_applications WHERE id = @Id AND concurrency_token = @ConcurrencyToken", new { application.Id, application.ConcurrencyToken }, cancellationToken);
        if (deleted == 0) throw OidcStoreErrors.Concurrency("application", application.Id);
    }

    public async ValueTask<OidcApplication?> FindByIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return await _db.SingleAsync<OidcApplication>("find application", $"SELECT {Columns} FROM oidc_applications WHERE id = @identifier", new { identifier }, cancellationToken);
    }

    public async ValueTask<OidcApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return await _db.SingleAsync<OidcApplication>("find application by client id",
            $"SELECT {Columns} FROM oidc_applications WHERE client_id = @identifier", new { identifier }, cancellationToken);
    }

    public IAsyncEnumerable<OidcApplication> FindByPostLogoutRedirectUriAsync(string uri, CancellationToken cancellationToken) =>
        FindByUriAsync(uri, PostLogoutRedirectUri, cancellationToken);

    public IAsyncEnumerable<OidcApplication> FindByRedirectUriAsync(string uri, CancellationToken cancellationToken) =>
        FindByUriAsync(uri, RedirectUri, cancellationToken);

    private IAsyncEnumerable<OidcApplication> FindByUriAsync(string uri, int kind, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        return _db.PagesAsync<OidcApplication>("find applications by uri", Columns, "oidc_applications",
            "id IN (SELECT application_id FROM oidc_application_uris WHERE uri_hash = @hash AND kind = @kind AND uri = @uri)",
            new { hash = Hash(uri), kind, uri }, cancellationToken);
    }

    public ValueTask<string?> GetApplicationTypeAsync(OidcApplication application, CancellationToken cancellationToken) => new(application.ApplicationType);

    public ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<OidcApplication>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw OidcStoreErrors.NoQueryable(nameof(GetAsync));

    public ValueTask<string?> GetClientIdAsync(OidcApplication application, CancellationToken cancellationToken) => new(application.ClientId);
    public ValueTask<string?> GetClientSecretAsync(OidcApplication application, CancellationToken cancellationToken) => new(application.ClientSecret);
    public ValueTask<string?> GetClientTypeAsync(OidcApplication application, CancellationToken cancellationToken) => new(application.ClientType);
    public ValueTask<string?> GetConsentTypeAsync(OidcApplication application, CancellationToken cancellationToken) => new(application.ConsentType);
    public ValueTask<string?> GetDisplayNameAsync(OidcApplication application, CancellationToken cancellationToken) => new(application.DisplayName);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDisplayNamesAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new(OidcJson.ReadLocalized(application.DisplayNames));

    public ValueTask<string?> GetIdAsync(OidcApplication application, CancellationToken cancellationToken) => new(application.Id);

    public ValueTask<JsonWebKeySet?> GetJsonWebKeySetAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new(OidcJson.ReadKeySet(application.JsonWebKeySet));

    public ValueTask<ImmutableArray<string>> GetPermissionsAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new(OidcJson.ReadArray(application.Permissions));

    public ValueTask<ImmutableArray<string>> GetPostLogoutRedirectUrisAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new(OidcJson.ReadArray(application.PostLogoutRedirectUris));

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new(OidcJson.ReadProperties(application.Properties));

    public ValueTask<ImmutableArray<string>> GetRedirectUrisAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new(OidcJson.ReadArray(application.RedirectUris));

    public ValueTask<ImmutableArray<string>> GetRequirementsAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new(OidcJson.ReadArray(application.Requirements));

    public ValueTask<ImmutableDictionary<string, string>> GetSettingsAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new(OidcJson.ReadStrings(application.Settings));

    public ValueTask<OidcApplication> InstantiateAsync(CancellationToken cancellationToken) => new(new OidcApplication());

    public IAsyncEnumerable<OidcApplication> ListAsync(int? count, int? offset, CancellationToken cancellationToken) =>
        _db.PagesAsync<OidcApplication>("list applications", Columns, "oidc_applications", "1 = 1", null, cancellationToken, count, offset);

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(Func<IQueryable<OidcApplication>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw OidcStoreErrors.NoQueryable(nameof(ListAsync));

    public ValueTask SetApplicationTypeAsync(OidcApplication application, string? type, CancellationToken cancellationToken) => Set(() => application.ApplicationType = type);
    public ValueTask SetClientIdAsync(OidcApplication application, string? identifier, CancellationToken cancellationToken) => Set(() => application.ClientId = identifier);
    public ValueTask SetClientSecretAsync(OidcApplication application, string? secret, CancellationToken cancellationToken) => Set(() => application.ClientSecret = secret);
    public ValueTask SetClientTypeAsync(OidcApplication application, string? type, CancellationToken cancellationToken) => Set(() => application.ClientType = type);
    public ValueTask SetConsentTypeAsync(OidcApplication application, string? type, CancellationToken cancellationToken) => Set(() => application.ConsentType = type);
    public ValueTask SetDisplayNameAsync(OidcApplication application, string? name, CancellationToken cancellationToken) => Set(() => application.DisplayName = name);

    public ValueTask SetDisplayNamesAsync(OidcApplication application, ImmutableDictionary<CultureInfo, string> names, CancellationToken cancellationToken) =>
        Set(() => application.DisplayNames = OidcJson.WriteLocalized(names));

    public ValueTask SetJsonWebKeySetAsync(OidcApplication application, JsonWebKeySet? set, CancellationToken cancellationToken) =>
        Set(() => application.JsonWebKeySet = OidcJson.WriteKeySet(set));

    public ValueTask SetPermissionsAsync(OidcApplication application, ImmutableArray<string> permissions, CancellationToken cancellationToken) =>
        Set(() => application.Permissions = OidcJson.WriteArray(permissions));

    public ValueTask SetPostLogoutRedirectUrisAsync(OidcApplication application, ImmutableArray<string> uris, CancellationToken cancellationToken) =>
        Set(() => application.PostLogoutRedirectUris = OidcJson.WriteArray(uris));

    public ValueTask SetPropertiesAsync(OidcApplication application, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        Set(() => application.Properties = OidcJson.WriteProperties(properties));

    public ValueTask SetRedirectUrisAsync(OidcApplication application, ImmutableArray<string> uris, CancellationToken cancellationToken) =>
        Set(() => application.RedirectUris = OidcJson.WriteArray(uris));

    public ValueTask SetRequirementsAsync(OidcApplication application, ImmutableArray<string> requirements, CancellationToken cancellationToken) =>
        Set(() => application.Requirements = OidcJson.WriteArray(requirements));

    public ValueTask SetSettingsAsync(OidcApplication application, ImmutableDictionary<string, string> settings, CancellationToken cancellationToken) =>
        Set(() => application.Settings = OidcJson.WriteStrings(settings));

    public async ValueTask UpdateAsync(OidcApplication application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        var read = application.ConcurrencyToken;
        var next = Guid.NewGuid().ToString("N");
        var updated = await _db.WriteAsync("update application", async (c, tx) =>
        {
            var rows = await c.ExecuteAsync(new CommandDefinition(
                "UPDATE oidc_applications SET client_id = @ClientId, client_secret = @ClientSecret, client_type = @ClientType, application_type = @ApplicationType, " +
                "consent_type = @ConsentType, display_name = @DisplayName, display_names = @DisplayNames, json_web_key_set = @JsonWebKeySet, " +
                "permissions = @Permissions, post_logout_redirect_uris = @PostLogoutRedirectUris, redirect_uris = @RedirectUris, requirements = @Requirements, " +
                "settings = @Settings, properties = @Properties, concurrency_token = @next WHERE id = @Id AND concurrency_token = @read",
                new
                {
                    application.ClientId, application.ClientSecret, application.ClientType, application.ApplicationType, application.ConsentType,
                    application.DisplayName, application.DisplayNames, application.JsonWebKeySet, application.Permissions, application.PostLogoutRedirectUris,
                    application.RedirectUris, application.Requirements, application.Settings, application.Properties, application.Id, read, next,
                }, tx, cancellationToken: cancellationToken));
            if (rows == 0) return false;
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM oidc_application_uris WHERE application_id = @Id", new { application.Id }, tx, cancellationToken: cancellationToken));
            await WriteUrisAsync(c, tx, application, cancellationToken);
            return true;
        }, cancellationToken);
        if (!updated) throw OidcStoreErrors.Concurrency("application", application.Id);
        application.ConcurrencyToken = next;
    }

    private static async Task WriteUrisAsync(DbConnection c, DbTransaction tx, OidcApplication application, CancellationToken ct)
    {
        var rows = OidcJson.ReadArray(application.RedirectUris).Distinct(StringComparer.Ordinal).Select(uri => (Kind: RedirectUri, Uri: uri))
            .Concat(OidcJson.ReadArray(application.PostLogoutRedirectUris).Distinct(StringComparer.Ordinal).Select(uri => (Kind: PostLogoutRedirectUri, Uri: uri)))
            .Select(row => new { application.Id, row.Kind, Hash = Hash(row.Uri), row.Uri })
            .ToList();
        if (rows.Count == 0) return;
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO oidc_application_uris (application_id, kind, uri_hash, uri) VALUES (@Id, @Kind, @Hash, @Uri)", rows, tx, cancellationToken: ct));
    }

    /// <summary>The index key of a URI: its SHA-256 (a long URI would not fit in a PostgreSQL index entry).</summary>
    private static string Hash(string uri) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uri)));

    private static ValueTask Set(Action assign)
    {
        assign();
        return ValueTask.CompletedTask;
    }
}
