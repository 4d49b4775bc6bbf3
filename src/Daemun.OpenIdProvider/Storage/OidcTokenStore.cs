using System.Collections.Immutable;
using System.Text.Json;
using Daemun.Storage;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Daemun.OpenIdProvider.Storage;

/// <summary>OpenIddict's token entries in Daemun's database (<c>oidc_tokens</c>). Updates are optimistic
/// (<see cref="OidcToken.ConcurrencyToken"/>): OpenIddict redeems an authorization code or a refresh token by updating its entry, so of
/// two servers redeeming the same one, only the first update matches and the other gets a concurrency exception. Bulk revocations
/// change the concurrency token too, so a redemption based on what was read before the revocation fails.</summary>
internal sealed class OidcTokenStore(SqlDialect dialect, IOptionsMonitor<OpenIddictCoreOptions> options) : IOpenIddictTokenStore<OidcToken>
{
    private const string Columns = "id AS Id, application_id AS ApplicationId, authorization_id AS AuthorizationId, subject AS Subject, status AS Status, " +
        "type AS Type, reference_id AS ReferenceId, payload AS Payload, properties AS Properties, creation_date AS CreationDate, " +
        "expiration_date AS ExpirationDate, redemption_date AS RedemptionDate, concurrency_token AS ConcurrencyToken";

    /// <summary>Rows one prune statement deletes at most, and how many statements one prune runs at most.</summary>
    private const int PruneBatch = 1_000, PruneBatches = 1_000;

    private readonly OidcDatabase _db = new(dialect);

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken) =>
        await _db.SingleAsync<long>("count tokens", "SELECT COUNT(*) FROM oidc_tokens", null, cancellationToken);

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<OidcToken>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        throw OidcStoreErrors.NoQueryable(nameof(CountAsync));

    public async ValueTask CreateAsync(OidcToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (string.IsNullOrEmpty(token.Id)) token.Id = Guid.CreateVersion7().ToString("N");
        token.ConcurrencyToken = Guid.NewGuid().ToString("N");
        await _db.ExecuteAsync("create token",
            "INSERT INTO oidc_tokens (id, application_id, authorization_id, subject, status, type, reference_id, payload, properties, creation_date, " +
            "expiration_date, redemption_date, concurrency_token) VALUES (@Id, @ApplicationId, @AuthorizationId, @Subject, @Status, @Type, @ReferenceId, " +
            "@Payload, @Properties, @CreationDate, @ExpirationDate, @RedemptionDate, @ConcurrencyToken)", token, cancellationToken);
    }

    public async ValueTask DeleteAsync(OidcToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var deleted = await _db.ExecuteAsync("delete token",
            "DELETE FROM oidc_tokens WHERE id = @Id AND concurrency_token = @ConcurrencyToken", new { token.Id, token.ConcurrencyToken }, cancellationToken);
        if (deleted == 0) throw OidcStoreErrors.Concurrency("token", token.Id);
    }

    public IAsyncEnumerable<OidcToken> FindAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken)
    {
        var filter = new OidcFilter().Equal("application_id", client).Equal("subject", subject).Equal("status", status).Equal("type", type);
        return _db.PagesAsync<OidcToken>("find tokens", Columns, "oidc_tokens", filter.Sql, filter.Parameters, cancellationToken);
    }

    public IAsyncEnumerable<OidcToken> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return _db.PagesAsync<OidcToken>("find tokens by application", Columns, "oidc_tokens", "application_id = @identifier", new { identifier }, cancellationToken);
    }

    public IAsyncEnumerable<OidcToken> FindByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return _db.PagesAsync<OidcToken>("find tokens by authorization", Columns, "oidc_tokens", "authorization_id = @identifier", new { identifier }, cancellationToken);
    }

    public async ValueTask<OidcToken?> FindByIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return await _db.SingleAsync<OidcToken>("find token", $"SELECT {Columns} FROM oidc_tokens WHERE id = @identifier", new { identifier }, cancellationToken);
    }

    public async ValueTask<OidcToken?> FindByReferenceIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return await _db.SingleAsync<OidcToken>("find token by reference", $"SELECT {Columns} FROM oidc_tokens WHERE reference_id = @identifier", new { identifier }, cancellationToken);
    }

    public IAsyncEnumerable<OidcToken> FindBySubjectAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return _db.PagesAsync<OidcToken>("find tokens by subject", Columns, "oidc_tokens", "subject = @subject", new { subject }, cancellationToken);
    }

    public ValueTask<string?> GetApplicationIdAsync(OidcToken token, CancellationToken cancellationToken) => new(token.ApplicationId);

    public ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<OidcToken>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw OidcStoreErrors.NoQueryable(nameof(GetAsync));

    public ValueTask<string?> GetAuthorizationIdAsync(OidcToken token, CancellationToken cancellationToken) => new(token.AuthorizationId);
    public ValueTask<DateTimeOffset?> GetCreationDateAsync(OidcToken token, CancellationToken cancellationToken) => new(OidcDatabase.Date(token.CreationDate));
    public ValueTask<DateTimeOffset?> GetExpirationDateAsync(OidcToken token, CancellationToken cancellationToken) => new(OidcDatabase.Date(token.ExpirationDate));
    public ValueTask<string?> GetIdAsync(OidcToken token, CancellationToken cancellationToken) => new(token.Id);
    public ValueTask<string?> GetPayloadAsync(OidcToken token, CancellationToken cancellationToken) => new(token.Payload);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OidcToken token, CancellationToken cancellationToken) =>
        new(OidcJson.ReadProperties(token.Properties));

    public ValueTask<DateTimeOffset?> GetRedemptionDateAsync(OidcToken token, CancellationToken cancellationToken) => new(OidcDatabase.Date(token.RedemptionDate));
    public ValueTask<string?> GetReferenceIdAsync(OidcToken token, CancellationToken cancellationToken) => new(token.ReferenceId);
    public ValueTask<string?> GetStatusAsync(OidcToken token, CancellationToken cancellationToken) => new(token.Status);
    public ValueTask<string?> GetSubjectAsync(OidcToken token, CancellationToken cancellationToken) => new(token.Subject);
    public ValueTask<string?> GetTypeAsync(OidcToken token, CancellationToken cancellationToken) => new(token.Type);
    public ValueTask<OidcToken> InstantiateAsync(CancellationToken cancellationToken) => new(new OidcToken());

    public IAsyncEnumerable<OidcToken> ListAsync(int? count, int? offset, CancellationToken cancellationToken) =>
        _db.PagesAsync<OidcToken>("list tokens", Columns, "oidc_tokens", "1 = 1", null, cancellationToken, count, offset);

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(Func<IQueryable<OidcToken>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw OidcStoreErrors.NoQueryable(nameof(ListAsync));

    /// <summary>Deletes tokens created before <paramref name="threshold"/> that can no longer be used: neither valid nor inactive,
    /// or of an authorization that is no longer valid, or expired.</summary>
    public async ValueTask<long> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken)
    {
        var now = options.CurrentValue.TimeProvider?.GetUtcNow() ?? DateTimeOffset.UtcNow;
        var total = 0L;
        for (var batch = 0; batch < PruneBatches; batch++)
        {
            var deleted = await _db.ExecuteAsync("prune tokens",
                "DELETE FROM oidc_tokens WHERE id IN (SELECT t.id FROM oidc_tokens t WHERE t.creation_date < @threshold AND (" +
                "t.status IS NULL OR (t.status <> @inactive AND t.status <> @valid) OR t.expiration_date < @now " +
                "OR EXISTS (SELECT 1 FROM oidc_authorizations a WHERE a.id = t.authorization_id AND (a.status IS NULL OR a.status <> @valid))) " +
                "ORDER BY t.id LIMIT @batchSize)",
                new
                {
                    threshold = threshold.ToUnixTimeMilliseconds(), now = now.ToUnixTimeMilliseconds(),
                    inactive = Statuses.Inactive, valid = Statuses.Valid, batchSize = PruneBatch,
                }, cancellationToken);
            total += deleted;
            if (deleted < PruneBatch) break;
        }
        return total;
    }

    public ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken) =>
        RevokeWhereAsync(new OidcFilter().Equal("application_id", client).Equal("subject", subject).Equal("status", status).Equal("type", type), cancellationToken);

    public ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return RevokeWhereAsync(new OidcFilter().Equal("application_id", identifier), cancellationToken);
    }

    public ValueTask<long> RevokeByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return RevokeWhereAsync(new OidcFilter().Equal("authorization_id", identifier), cancellationToken);
    }

    public ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return RevokeWhereAsync(new OidcFilter().Equal("subject", subject), cancellationToken);
    }

    private async ValueTask<long> RevokeWhereAsync(OidcFilter filter, CancellationToken cancellationToken)
    {
        filter.And("status IS NULL OR status <> @revoked");
        filter.Parameters.Add("revoked", Statuses.Revoked);
        filter.Parameters.Add("next", Guid.NewGuid().ToString("N"));
        return await _db.ExecuteAsync("revoke tokens",
            $"UPDATE oidc_tokens SET status = @revoked, concurrency_token = @next WHERE {filter.Sql}", filter.Parameters, cancellationToken);
    }

    public ValueTask SetApplicationIdAsync(OidcToken token, string? identifier, CancellationToken cancellationToken) => Set(() => token.ApplicationId = identifier);
    public ValueTask SetAuthorizationIdAsync(OidcToken token, string? identifier, CancellationToken cancellationToken) => Set(() => token.AuthorizationId = identifier);
    public ValueTask SetCreationDateAsync(OidcToken token, DateTimeOffset? date, CancellationToken cancellationToken) => Set(() => token.CreationDate = OidcDatabase.Ms(date));
    public ValueTask SetExpirationDateAsync(OidcToken token, DateTimeOffset? date, CancellationToken cancellationToken) => Set(() => token.ExpirationDate = OidcDatabase.Ms(date));
    public ValueTask SetPayloadAsync(OidcToken token, string? payload, CancellationToken cancellationToken) => Set(() => token.Payload = payload);

    public ValueTask SetPropertiesAsync(OidcToken token, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        Set(() => token.Properties = OidcJson.WriteProperties(properties));

    public ValueTask SetRedemptionDateAsync(OidcToken token, DateTimeOffset? date, CancellationToken cancellationToken) => Set(() => token.RedemptionDate = OidcDatabase.Ms(date));
    public ValueTask SetReferenceIdAsync(OidcToken token, string? identifier, CancellationToken cancellationToken) => Set(() => token.ReferenceId = identifier);
    public ValueTask SetStatusAsync(OidcToken token, string? status, CancellationToken cancellationToken) => Set(() => token.Status = status);
    public ValueTask SetSubjectAsync(OidcToken token, string? subject, CancellationToken cancellationToken) => Set(() => token.Subject = subject);
    public ValueTask SetTypeAsync(OidcToken token, string? type, CancellationToken cancellationToken) => Set(() => token.Type = type);

    public async ValueTask UpdateAsync(OidcToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var next = Guid.NewGuid().ToString("N");
        var updated = await _db.ExecuteAsync("update token",
            "UPDATE oidc_tokens SET application_id = @ApplicationId, authorization_id = @AuthorizationId, subject = @Subject, status = @Status, type = @Type, " +
            "reference_id = @ReferenceId, payload = @Payload, properties = @Properties, creation_date = @CreationDate, expiration_date = @ExpirationDate, " +
            "redemption_date = @RedemptionDate, concurrency_token = @next WHERE id = @Id AND concurrency_token = @read",
            new
            {
                token.ApplicationId, token.AuthorizationId, token.Subject, token.Status, token.Type, token.ReferenceId, token.Payload, token.Properties,
                token.CreationDate, token.ExpirationDate, token.RedemptionDate, token.Id, read = token.ConcurrencyToken, next,
            }, cancellationToken);
        if (updated == 0) throw OidcStoreErrors.Concurrency("token", token.Id);
        token.ConcurrencyToken = next;
    }

    private static ValueTask Set(Action assign)
    {
        assign();
        return ValueTask.CompletedTask;
    }
}
