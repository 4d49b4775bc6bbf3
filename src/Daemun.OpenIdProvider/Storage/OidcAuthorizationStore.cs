using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Daemun.Storage;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Daemun.OpenIdProvider.Storage;

/// <summary>OpenIddict's authorizations in Daemun's database (<c>oidc_authorizations</c>). Updates are optimistic
/// (<see cref="OidcAuthorization.ConcurrencyToken"/>); bulk revocations change the token too, so that an update based on what was
/// read before cannot undo them. Deleting an authorization deletes its tokens (ON DELETE CASCADE).</summary>
internal sealed class OidcAuthorizationStore(SqlDialect dialect) : IOpenIddictAuthorizationStore<OidcAuthorization>
{
    private const string Columns = "id AS Id, application_id AS ApplicationId, subject AS Subject, status AS Status, type AS Type, scopes AS Scopes, " +
        "properties AS Properties, creation_date AS CreationDate, concurrency_token AS ConcurrencyToken";

    /// <summary>Rows one prune statement deletes at most, and how many statements one prune runs at most.</summary>
    private const int PruneBatch = 1_000, PruneBatches = 1_000;

    private readonly OidcDatabase _db = new(dialect);

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken) =>
        await _db.SingleAsync<long>("count authorizations", "SELECT COUNT(*) FROM oidc_authorizations", null, cancellationToken);

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<OidcAuthorization>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        throw OidcStoreErrors.NoQueryable(nameof(CountAsync));

    public async ValueTask CreateAsync(OidcAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        if (string.IsNullOrEmpty(authorization.Id)) authorization.Id = Guid.CreateVersion7().ToString("N");
        authorization.ConcurrencyToken = Guid.NewGuid().ToString("N");
        await _db.ExecuteAsync("create authorization",
            "INSERT INTO oidc_authorizations (id, application_id, subject, status, type, scopes, properties, creation_date, concurrency_token) " +
            "VALUES (@Id, @ApplicationId, @Subject, @Status, @Type, @Scopes, @Properties, @CreationDate, @ConcurrencyToken)", authorization, cancellationToken);
    }

    public async ValueTask DeleteAsync(OidcAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var deleted = await _db.ExecuteAsync("delete authorization",
            "DELETE FROM oidc_authorizations WHERE id = @Id AND concurrency_token = @ConcurrencyToken", new { authorization.Id, authorization.ConcurrencyToken }, cancellationToken);
        if (deleted == 0) throw OidcStoreErrors.Concurrency("authorization", authorization.Id);
    }

    public async IAsyncEnumerable<OidcAuthorization> FindAsync(string? subject, string? client, string? status, string? type, ImmutableArray<string>? scopes,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = new OidcFilter().Equal("subject", subject).Equal("application_id", client).Equal("status", status).Equal("type", type);
        await foreach (var authorization in _db.PagesAsync<OidcAuthorization>("find authorizations", Columns, "oidc_authorizations", filter.Sql, filter.Parameters, cancellationToken))
        {
            if (scopes is { IsDefaultOrEmpty: false } wanted)
            {
                var granted = OidcJson.ReadArray(authorization.Scopes);
                if (!wanted.All(scope => granted.Contains(scope, StringComparer.Ordinal))) continue;
            }
            yield return authorization;
        }
    }

    public IAsyncEnumerable<OidcAuthorization> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return _db.PagesAsync<OidcAuthorization>("find authorizations by application", Columns, "oidc_authorizations", "application_id = @identifier", new { identifier }, cancellationToken);
    }

    public async ValueTask<OidcAuthorization?> FindByIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return await _db.SingleAsync<OidcAuthorization>("find authorization", $"SELECT {Columns} FROM oidc_authorizations WHERE id = @identifier", new { identifier }, cancellationToken);
    }

    public IAsyncEnumerable<OidcAuthorization> FindBySubjectAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return _db.PagesAsync<OidcAuthorization>("find authorizations by subject", Columns, "oidc_authorizations", "subject = @subject", new { subject }, cancellationToken);
    }

    public ValueTask<string?> GetApplicationIdAsync(OidcAuthorization authorization, CancellationToken cancellationToken) => new(authorization.ApplicationId);

    public ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<OidcAuthorization>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw OidcStoreErrors.NoQueryable(nameof(GetAsync));

    public ValueTask<DateTimeOffset?> GetCreationDateAsync(OidcAuthorization authorization, CancellationToken cancellationToken) => new(OidcDatabase.Date(authorization.CreationDate));
    public ValueTask<string?> GetIdAsync(OidcAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Id);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OidcAuthorization authorization, CancellationToken cancellationToken) =>
        new(OidcJson.ReadProperties(authorization.Properties));

    public ValueTask<ImmutableArray<string>> GetScopesAsync(OidcAuthorization authorization, CancellationToken cancellationToken) => new(OidcJson.ReadArray(authorization.Scopes));
    public ValueTask<string?> GetStatusAsync(OidcAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Status);
    public ValueTask<string?> GetSubjectAsync(OidcAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Subject);
    public ValueTask<string?> GetTypeAsync(OidcAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Type);
    public ValueTask<OidcAuthorization> InstantiateAsync(CancellationToken cancellationToken) => new(new OidcAuthorization());

    public IAsyncEnumerable<OidcAuthorization> ListAsync(int? count, int? offset, CancellationToken cancellationToken) =>
        _db.PagesAsync<OidcAuthorization>("list authorizations", Columns, "oidc_authorizations", "1 = 1", null, cancellationToken, count, offset);

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(Func<IQueryable<OidcAuthorization>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw OidcStoreErrors.NoQueryable(nameof(ListAsync));

    /// <summary>Deletes authorizations created before <paramref name="threshold"/> that are no longer valid, or ad hoc ones without a token
    /// left; their tokens go with them.</summary>
    public async ValueTask<long> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken)
    {
        var total = 0L;
        for (var batch = 0; batch < PruneBatches; batch++)
        {
            var deleted = await _db.ExecuteAsync("prune authorizations",
                "DELETE FROM oidc_authorizations WHERE id IN (SELECT a.id FROM oidc_authorizations a WHERE a.creation_date < @threshold " +
                "AND (a.status IS NULL OR a.status <> @valid OR (a.type = @adHoc AND NOT EXISTS (SELECT 1 FROM oidc_tokens t WHERE t.authorization_id = a.id))) " +
                "ORDER BY a.id LIMIT @batchSize)",
                new { threshold = threshold.ToUnixTimeMilliseconds(), valid = Statuses.Valid, adHoc = AuthorizationTypes.AdHoc, batchSize = PruneBatch }, cancellationToken);
            total += deleted;
            if (deleted < PruneBatch) break;
        }
        return total;
    }

    public ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken) =>
        RevokeWhereAsync(new OidcFilter().Equal("subject", subject).Equal("application_id", client).Equal("status", status).Equal("type", type), cancellationToken);

    public ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return RevokeWhereAsync(new OidcFilter().Equal("application_id", identifier), cancellationToken);
    }

    public ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return RevokeWhereAsync(new OidcFilter().Equal("subject", subject), cancellationToken);
    }

    private async ValueTask<long> RevokeWhereAsync(OidcFilter filter, CancellationToken cancellationToken)
    {
        filter.And("status IS NULL OR status <> @revoked");
        filter.Parameters.Add("revoked", Statuses.Revoked);
        filter.Parameters.Add("next", Guid.NewGuid().ToString("N"));
        return await _db.ExecuteAsync("revoke authorizations",
            $"UPDATE oidc_authorizations SET status = @revoked, concurrency_token = @next WHERE {filter.Sql}", filter.Parameters, cancellationToken);
    }

    public ValueTask SetApplicationIdAsync(OidcAuthorization authorization, string? identifier, CancellationToken cancellationToken) => Set(() => authorization.ApplicationId = identifier);
    public ValueTask SetCreationDateAsync(OidcAuthorization authorization, DateTimeOffset? date, CancellationToken cancellationToken) => Set(() => authorization.CreationDate = OidcDatabase.Ms(date));

    public ValueTask SetPropertiesAsync(OidcAuthorization authorization, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        Set(() => authorization.Properties = OidcJson.WriteProperties(properties));

    public ValueTask SetScopesAsync(OidcAuthorization authorization, ImmutableArray<string> scopes, CancellationToken cancellationToken) => Set(() => authorization.Scopes = OidcJson.WriteArray(scopes));
    public ValueTask SetStatusAsync(OidcAuthorization authorization, string? status, CancellationToken cancellationToken) => Set(() => authorization.Status = status);
    public ValueTask SetSubjectAsync(OidcAuthorization authorization, string? subject, CancellationToken cancellationToken) => Set(() => authorization.Subject = subject);
    public ValueTask SetTypeAsync(OidcAuthorization authorization, string? type, CancellationToken cancellationToken) => Set(() => authorization.Type = type);

    public async ValueTask UpdateAsync(OidcAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var next = Guid.NewGuid().ToString("N");
        var updated = await _db.ExecuteAsync("update authorization",
            "UPDATE oidc_authorizations SET application_id = @ApplicationId, subject = @Subject, status = @Status, type = @Type, scopes = @Scopes, " +
            "properties = @Properties, creation_date = @CreationDate, concurrency_token = @next WHERE id = @Id AND concurrency_token = @read",
            new
            {
                authorization.ApplicationId, authorization.Subject, authorization.Status, authorization.Type, authorization.Scopes,
                authorization.Properties, authorization.CreationDate, authorization.Id, read = authorization.ConcurrencyToken, next,
            }, cancellationToken);
        if (updated == 0) throw OidcStoreErrors.Concurrency("authorization", authorization.Id);
        authorization.ConcurrencyToken = next;
    }

    private static ValueTask Set(Action assign)
    {
        assign();
        return ValueTask.CompletedTask;
    }
}
