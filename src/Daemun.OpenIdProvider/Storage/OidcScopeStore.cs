using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Daemun.Storage;
using Dapper;
using OpenIddict.Abstractions;

namespace Daemun.OpenIdProvider.Storage;

/// <summary>OpenIddict's scopes in Daemun's database (<c>oidc_scopes</c>), unique by name. Updates are optimistic
/// (<see cref="OidcScope.ConcurrencyToken"/>).</summary>
internal sealed class OidcScopeStore(SqlDialect dialect) : IOpenIddictScopeStore<OidcScope>
{
    private const string Columns = "id AS Id, name AS Name, display_name AS DisplayName, display_names AS DisplayNames, description AS Description, " +
        "descriptions AS Descriptions, resources AS Resources, properties AS Properties, concurrency_token AS ConcurrencyToken";

    private readonly OidcDatabase _db = new(dialect);

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken) =>
        await _db.SingleAsync<long>("count scopes", "SELECT COUNT(*) FROM oidc_scopes", null, cancellationToken);

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<OidcScope>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        throw OidcStoreErrors.NoQueryable(nameof(CountAsync));

    public async ValueTask CreateAsync(OidcScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (string.IsNullOrEmpty(scope.Id)) scope.Id = Guid.CreateVersion7().ToString("N");
        scope.ConcurrencyToken = Guid.NewGuid().ToString("N");
        await _db.ExecuteAsync("create scope",
            "INSERT INTO oidc_scopes (id, name, display_name, display_names, description, descriptions, resources, properties, concurrency_token) " +
            "VALUES (@Id, @Name, @DisplayName, @DisplayNames, @Description, @Descriptions, @Resources, @Properties, @ConcurrencyToken)", scope, cancellationToken);
    }

    public async ValueTask DeleteAsync(OidcScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var deleted = await _db.ExecuteAsync("delete scope",
            "DELETE FROM oidc_scopes WHERE id = @Id AND concurrency_token = @ConcurrencyToken", new { scope.Id, scope.ConcurrencyToken }, cancellationToken);
        if (deleted == 0) throw OidcStoreErrors.Concurrency("scope", scope.Id);
    }

    public async ValueTask<OidcScope?> FindByIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return await _db.SingleAsync<OidcScope>("find scope", $"SELECT {Columns} FROM oidc_scopes WHERE id = @identifier", new { identifier }, cancellationToken);
    }

    public async ValueTask<OidcScope?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return await _db.SingleAsync<OidcScope>("find scope by name", $"SELECT {Columns} FROM oidc_scopes WHERE name = @name", new { name }, cancellationToken);
    }

    public IAsyncEnumerable<OidcScope> FindByNamesAsync(ImmutableArray<string> names, CancellationToken cancellationToken)
    {
        if (names.IsDefaultOrEmpty) return AsyncEnumerable.Empty<OidcScope>();
        var parameters = new DynamicParameters();
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < distinct.Count; i++) parameters.Add($"n{i}", distinct[i]);
        var list = string.Join(", ", distinct.Select((_, i) => $"@n{i}"));
        return _db.PagesAsync<OidcScope>("find scopes by names", Columns, "oidc_scopes", $"name IN ({list})", parameters, cancellationToken);
    }

    /// <summary>The scopes whose resources include <paramref name="resource"/> exactly: a LIKE on the JSON text finds the candidates
    /// (the array holds the resource's JSON string as is), then the parsed array decides.</summary>
    public async IAsyncEnumerable<OidcScope> FindByResourceAsync(string resource, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        var pattern = "%" + EscapeLike(JsonSerializer.Serialize(resource)) + "%";
        await foreach (var scope in _db.PagesAsync<OidcScope>("find scopes by resource", Columns, "oidc_scopes",
            "resources LIKE @pattern ESCAPE '\\'", new { pattern }, cancellationToken))
        {
            if (OidcJson.ReadArray(scope.Resources).Contains(resource, StringComparer.Ordinal)) yield return scope;
        }
    }

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    public ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<OidcScope>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw OidcStoreErrors.NoQueryable(nameof(GetAsync));

    public ValueTask<string?> GetDescriptionAsync(OidcScope scope, CancellationToken cancellationToken) => new(scope.Description);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDescriptionsAsync(OidcScope scope, CancellationToken cancellationToken) =>
        new(OidcJson.ReadLocalized(scope.Descriptions));

    public ValueTask<string?> GetDisplayNameAsync(OidcScope scope, CancellationToken cancellationToken) => new(scope.DisplayName);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDisplayNamesAsync(OidcScope scope, CancellationToken cancellationToken) =>
        new(OidcJson.ReadLocalized(scope.DisplayNames));

    public ValueTask<string?> GetIdAsync(OidcScope scope, CancellationToken cancellationToken) => new(scope.Id);
    public ValueTask<string?> GetNameAsync(OidcScope scope, CancellationToken cancellationToken) => new(scope.Name);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OidcScope scope, CancellationToken cancellationToken) =>
        new(OidcJson.ReadProperties(scope.Properties));

    public ValueTask<ImmutableArray<string>> GetResourcesAsync(OidcScope scope, CancellationToken cancellationToken) => new(OidcJson.ReadArray(scope.Resources));
    public ValueTask<OidcScope> InstantiateAsync(CancellationToken cancellationToken) => new(new OidcScope());

    public IAsyncEnumerable<OidcScope> ListAsync(int? count, int? offset, CancellationToken cancellationToken) =>
        _db.PagesAsync<OidcScope>("list scopes", Columns, "oidc_scopes", "1 = 1", null, cancellationToken, count, offset);

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(Func<IQueryable<OidcScope>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw OidcStoreErrors.NoQueryable(nameof(ListAsync));

    public ValueTask SetDescriptionAsync(OidcScope scope, string? description, CancellationToken cancellationToken) => Set(() => scope.Description = description);

    public ValueTask SetDescriptionsAsync(OidcScope scope, ImmutableDictionary<CultureInfo, string> descriptions, CancellationToken cancellationToken) =>
        Set(() => scope.Descriptions = OidcJson.WriteLocalized(descriptions));

    public ValueTask SetDisplayNameAsync(OidcScope scope, string? name, CancellationToken cancellationToken) => Set(() => scope.DisplayName = name);

    public ValueTask SetDisplayNamesAsync(OidcScope scope, ImmutableDictionary<CultureInfo, string> names, CancellationToken cancellationToken) =>
        Set(() => scope.DisplayNames = OidcJson.WriteLocalized(names));

    public ValueTask SetNameAsync(OidcScope scope, string? name, CancellationToken cancellationToken) => Set(() => scope.Name = name);

    public ValueTask SetPropertiesAsync(OidcScope scope, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        Set(() => scope.Properties = OidcJson.WriteProperties(properties));

    public ValueTask SetResourcesAsync(OidcScope scope, ImmutableArray<string> resources, CancellationToken cancellationToken) => Set(() => scope.Resources = OidcJson.WriteArray(resources));

    public async ValueTask UpdateAsync(OidcScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var next = Guid.NewGuid().ToString("N");
        var updated = await _db.ExecuteAsync("update scope",
            "UPDATE oidc_scopes SET name = @Name, display_name = @DisplayName, display_names = @DisplayNames, description = @Description, " +
            "descriptions = @Descriptions, resources = @Resources, properties = @Properties, concurrency_token = @next WHERE id = @Id AND concurrency_token = @read",
            new
            {
                scope.Name, scope.DisplayName, scope.DisplayNames, scope.Description, scope.Descriptions, scope.Resources, scope.Properties,
                scope.Id, read = scope.ConcurrencyToken, next,
            }, cancellationToken);
        if (updated == 0) throw OidcStoreErrors.Concurrency("scope", scope.Id);
        scope.ConcurrencyToken = next;
    }

    private static ValueTask Set(Action assign)
    {
        assign();
        return ValueTask.CompletedTask;
    }
}
