using System.Data.Common;
using Dapper;
using Daemun.Logging;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace Daemun.Storage;

/// <summary>The one relational implementation of every store role (users and accounts, sessions, sign-in requests, used states, refresh
/// leases, the key ring, the database itself); a <see cref="SqlDialect"/> supplies what differs. Provider tokens are encrypted with Data
/// Protection before they are written. Requests reach it through <see cref="ResilientStore"/>.</summary>
public sealed class RelationalStore(SqlDialect dialect, IDataProtectionProvider dataProtection, ILogger<RelationalStore> logger)
    : IUserStore, ISessionStore, ISignInRequestStore, IConsumedStateStore, IRefreshLeaseStore, IKeyRingStore, IAuditStore, IStoreDatabase
{
    private readonly IDataProtector _tokens = dataProtection.CreateProtector("Daemun.ProviderTokens.v1");
    private SqlDialect Dialect => dialect;

    private const string UserColumns = "u.id AS Id, u.name AS Name, u.email AS Email, u.email_verified AS EmailVerified, u.image AS Image, u.created_at AS CreatedAt, u.updated_at AS UpdatedAt, u.disabled AS Disabled, u.sessions_revoked_at AS SessionsRevokedAt";
    private const string AccountColumns = "id AS Id, user_id AS UserId, provider AS Provider, provider_account_id AS ProviderAccountId, name AS Name, email AS Email, email_verified AS EmailVerified, image AS Image, raw_profile AS RawProfile, access_token AS AccessToken, refresh_token AS RefreshToken, id_token AS IdToken, token_type AS TokenType, scope AS Scope, expires_at AS ExpiresAt, created_at AS CreatedAt, updated_at AS UpdatedAt, token_version AS TokenVersion, needs_reauthorization AS NeedsReauthorization";

    /// <summary>A schema change may rewrite a large table: it is not held to the short per-query timeout.</summary>
    private const int MigrationTimeoutSeconds = 600;

    /// <inheritdoc/>
    public Task MigrateAsync(CancellationToken ct) => Run("migrate", async c =>
    {
        await using var migrationLock = await dialect.LockMigrationsAsync(c, ct);
        await c.ExecuteAsync(new CommandDefinition("CREATE TABLE IF NOT EXISTS daemun_schema (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)", cancellationToken: ct));
        foreach (var (version, sql) in Migrations.All)
        {
            await using var tx = await dialect.BeginWriteAsync(c, ct);
            var applied = await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM daemun_schema WHERE version = @version", new { version }, tx, cancellationToken: ct));
            if (applied > 0) continue;
            await c.ExecuteAsync(new CommandDefinition(sql, transaction: tx, commandTimeout: MigrationTimeoutSeconds, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition("INSERT INTO daemun_schema (version, applied_at) VALUES (@version, @now)", new { version, now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            Log.MigrationApplied(logger, version);
        }
        return 0;
    }, ct);

    /// <summary>True: users and accounts are rows.</summary>
    public bool KeepsUsers => true;

    /// <inheritdoc/>
    public Task<T> InTransactionAsync<T>(Func<IStoreTransaction, Task<T>> work, CancellationToken ct) => Run("transaction", async c =>
    {
        await using var tx = await dialect.BeginWriteAsync(c, ct);
        var result = await work(new Transaction(this, c, tx, ct));
        await tx.CommitAsync(ct);
        return result;
    }, ct);

    /// <inheritdoc/>
    public Task<bool> TryConsumeStateAsync(string stateHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct) => Run("consume state", async c =>
    {
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM consumed_states WHERE expires_at < @now", new { now = now.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        var inserted = await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO consumed_states (state_hash, expires_at) VALUES (@stateHash, @expiresAt) ON CONFLICT (state_hash) DO NOTHING",
            new { stateHash, expiresAt = expiresAt.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return inserted == 1;
    }, ct);

    /// <summary>How many expired rows of each table one sign-in start deletes at most: a bounded clean-up that still outpaces the inserts.</summary>
    private const int ExpiredRowsPerCleanup = 100;

    /// <inheritdoc/>
    public Task SaveSignInRequestAsync(SignInRequestRecord request, DateTimeOffset now, CancellationToken ct) => Run("save sign-in request", async c =>
    {
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO sign_in_requests (state_hash, browser_hash, material, expires_at) VALUES (@StateHash, @BrowserHash, @Material, @ExpiresAt)",
            new { request.StateHash, request.BrowserHash, request.Material, ExpiresAt = request.ExpiresAt.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sign_in_requests WHERE state_hash IN (SELECT state_hash FROM sign_in_requests WHERE expires_at < @now ORDER BY expires_at LIMIT @limit); " +
            "DELETE FROM consumed_states WHERE state_hash IN (SELECT state_hash FROM consumed_states WHERE expires_at < @now ORDER BY expires_at LIMIT @limit)",
            new { now = now.ToUnixTimeMilliseconds(), limit = ExpiredRowsPerCleanup }, cancellationToken: ct));
    }, ct);

    /// <inheritdoc/>
    public Task<SignInRequestTake> TakeSignInRequestAsync(string stateHash, string browserHash, DateTimeOffset now, CancellationToken ct) => Run("take sign-in request", async c =>
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        await using var tx = await dialect.BeginWriteAsync(c, ct);
        // the one statement that settles single use: of concurrent callbacks only one deletes the row (PostgreSQL: the others wait on its lock)
        var taken = await c.QuerySingleOrDefaultAsync<TakenSignInRow>(new CommandDefinition(
            "DELETE FROM sign_in_requests WHERE state_hash = @stateHash AND browser_hash = @browserHash RETURNING material AS Material, expires_at AS ExpiresAt",
            new { stateHash, browserHash }, tx, cancellationToken: ct));
        SignInRequestTake result;
        if (taken is null)
        {
            var found = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT CASE WHEN EXISTS (SELECT 1 FROM sign_in_requests WHERE state_hash = @stateHash) THEN 1 " +
                "WHEN EXISTS (SELECT 1 FROM consumed_states WHERE state_hash = @stateHash) THEN 2 ELSE 0 END",
                new { stateHash }, tx, cancellationToken: ct));
            result = new(found switch { 1 => SignInRequestOutcome.OtherBrowser, 2 => SignInRequestOutcome.Replayed, _ => SignInRequestOutcome.Unknown }, null, false);
        }
        else
        {
            var expired = nowMs > taken.ExpiresAt;
            if (!expired)
            {
                // the used state is remembered until it would have expired, so that a replay is told apart from a state never issued
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO consumed_states (state_hash, expires_at) VALUES (@stateHash, @expiresAt) ON CONFLICT (state_hash) DO NOTHING",
                    new { stateHash, expiresAt = taken.ExpiresAt }, tx, cancellationToken: ct));
            }
            var others = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM sign_in_requests WHERE browser_hash = @browserHash AND expires_at >= @now",
                new { browserHash, now = nowMs }, tx, cancellationToken: ct));
            result = new(expired ? SignInRequestOutcome.Expired : SignInRequestOutcome.Taken, expired ? null : taken.Material, others > 0);
        }
        await tx.CommitAsync(ct);
        return result;
    }, ct);

    /// <inheritdoc/>
    public Task<(SessionRecord Session, UserRecord User)?> FindSessionAsync(string tokenHash, CancellationToken ct) => Run("find session", async c =>
    {
        var row = await c.QuerySingleOrDefaultAsync<SessionUserRow>(new CommandDefinition(
            $"SELECT s.token_hash AS TokenHash, s.user_id AS UserId, s.expires_at AS ExpiresAt, s.created_at AS SessionCreatedAt, s.updated_at AS SessionUpdatedAt, s.provider AS SessionProvider, s.authenticated_at AS AuthenticatedAt, {UserColumns} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = @tokenHash",
            new { tokenHash }, cancellationToken: ct));
        return row is null
            ? ((SessionRecord, UserRecord)?)null
            : (new SessionRecord(row.TokenHash, row.UserId, Time(row.ExpiresAt), Time(row.SessionCreatedAt), Time(row.SessionUpdatedAt))
            {
                Provider = row.SessionProvider,
                AuthenticatedAt = row.AuthenticatedAt is { } at ? Time(at) : null,
            }, row.ToUser());
    }, ct);

    /// <inheritdoc/>
    public Task ExtendSessionAsync(string tokenHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct) => Run("extend session", c =>
        c.ExecuteAsync(new CommandDefinition("UPDATE sessions SET expires_at = @expiresAt, updated_at = @now WHERE token_hash = @tokenHash",
            new { tokenHash, expiresAt = expiresAt.ToUnixTimeMilliseconds(), now = now.ToUnixTimeMilliseconds() }, cancellationToken: ct)), ct);

    /// <inheritdoc/>
    public Task DeleteSessionAsync(string tokenHash, CancellationToken ct) => Run("delete session", c =>
        c.ExecuteAsync(new CommandDefinition("DELETE FROM sessions WHERE token_hash = @tokenHash", new { tokenHash }, cancellationToken: ct)), ct);

    /// <inheritdoc/>
    public Task<UserRecord?> FindUserAsync(string userId, CancellationToken ct) => Run("find user", c => FindUser(c, null, userId, ct), ct);

    /// <inheritdoc/>
    public Task<IReadOnlyList<AccountRecord>> AccountsOfUserAsync(string userId, CancellationToken ct) => Run("accounts of user", async c =>
    {
        var rows = await c.QueryAsync<AccountRow>(new CommandDefinition($"SELECT {AccountColumns} FROM accounts WHERE user_id = @userId ORDER BY created_at", new { userId }, cancellationToken: ct));
        return (IReadOnlyList<AccountRecord>)rows.Select(ToAccount).ToList();
    }, ct);

    /// <inheritdoc/>
    public Task<AccountRecord?> FindAccountOfUserAsync(string userId, string provider, CancellationToken ct) => Run("account of user", async c =>
    {
        var row = await c.QueryFirstOrDefaultAsync<AccountRow>(new CommandDefinition(
            $"SELECT {AccountColumns} FROM accounts WHERE user_id = @userId AND provider = @provider ORDER BY updated_at DESC, id LIMIT 1",
            new { userId, provider }, cancellationToken: ct));
        return row is null ? null : ToAccount(row);
    }, ct);

    /// <inheritdoc/>
    public Task<bool> TryTakeRefreshLeaseAsync(RefreshLease lease, DateTimeOffset now, CancellationToken ct) => Run("take refresh lease", async c =>
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET refresh_lease_owner = @Owner, refresh_lease_until = @until WHERE id = @AccountId AND token_version = @TokenVersion " +
            "AND (refresh_lease_until IS NULL OR refresh_lease_until < @now)",
            new { lease.Owner, until = lease.Until.ToUnixTimeMilliseconds(), lease.AccountId, lease.TokenVersion, now = now.ToUnixTimeMilliseconds() },
            cancellationToken: ct)) == 1, ct);

    /// <inheritdoc/>
    public Task<bool> CompleteRefreshAsync(RefreshLease lease, ProviderTokens tokens, DateTimeOffset now, CancellationToken ct) => Run("complete refresh", async c =>
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET access_token = @AccessToken, refresh_token = @RefreshToken, id_token = @IdToken, token_type = @TokenType, scope = @Scope, " +
            "expires_at = @ExpiresAt, token_version = token_version + 1, needs_reauthorization = 0, refresh_lease_owner = NULL, refresh_lease_until = NULL, updated_at = @now " +
            "WHERE id = @AccountId AND refresh_lease_owner = @Owner AND token_version = @TokenVersion",
            new
            {
                AccessToken = Protect(tokens.AccessToken), RefreshToken = Protect(tokens.RefreshToken), IdToken = Protect(tokens.IdToken),
                tokens.TokenType, tokens.Scope, ExpiresAt = tokens.ExpiresAt?.ToUnixTimeMilliseconds(), now = now.ToUnixTimeMilliseconds(),
                lease.AccountId, lease.Owner, lease.TokenVersion,
            }, cancellationToken: ct)) == 1, ct);

    /// <inheritdoc/>
    public Task MarkReauthorizationRequiredAsync(RefreshLease lease, DateTimeOffset now, CancellationToken ct) => Run("mark reauthorization", c =>
        c.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET needs_reauthorization = 1, token_version = token_version + 1, refresh_lease_owner = NULL, refresh_lease_until = NULL, updated_at = @now " +
            "WHERE id = @AccountId AND refresh_lease_owner = @Owner AND token_version = @TokenVersion",
            new { lease.AccountId, lease.Owner, lease.TokenVersion, now = now.ToUnixTimeMilliseconds() }, cancellationToken: ct)), ct);

    /// <inheritdoc/>
    public Task ReleaseRefreshLeaseAsync(RefreshLease lease, CancellationToken ct) => Run("release refresh lease", c =>
        c.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET refresh_lease_owner = NULL, refresh_lease_until = NULL WHERE id = @AccountId AND refresh_lease_owner = @Owner",
            new { lease.AccountId, lease.Owner }, cancellationToken: ct)), ct);

    /// <inheritdoc/>
    public Task<bool> DeleteAccountAsync(string accountId, CancellationToken ct) => Run("delete account", async c =>
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM accounts WHERE id = @accountId", new { accountId }, cancellationToken: ct)) == 1, ct);

    /// <inheritdoc/>
    public Task<string?> DeleteAccountByProviderIdAsync(string provider, string providerAccountId, CancellationToken ct) => Run("delete account by provider id", async c =>
    {
        await using var tx = await dialect.BeginWriteAsync(c, ct);
        var userId = await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT user_id FROM accounts WHERE provider = @provider AND provider_account_id = @providerAccountId", new { provider, providerAccountId }, tx, cancellationToken: ct));
        if (userId is not null)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM accounts WHERE provider = @provider AND provider_account_id = @providerAccountId", new { provider, providerAccountId }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        return userId;
    }, ct);

    /// <inheritdoc/>
    public Task<bool> DeleteUserWithoutAccountsAsync(string userId, CancellationToken ct) => Run("delete user without accounts", async c =>
    {
        await using var tx = await dialect.BeginWriteAsync(c, ct);
        await dialect.SerializeAsync(c, tx, $"daemun.user\n{userId}", ct);
        const string NoAccount = "NOT EXISTS (SELECT 1 FROM accounts WHERE user_id = @userId)"; // a link added meanwhile keeps the user
        await c.ExecuteAsync(new CommandDefinition($"DELETE FROM sessions WHERE user_id = @userId AND {NoAccount}", new { userId }, tx, cancellationToken: ct));
        var deleted = await c.ExecuteAsync(new CommandDefinition($"DELETE FROM users WHERE id = @userId AND {NoAccount}", new { userId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return deleted == 1;
    }, ct);

    /// <inheritdoc/>
    public Task<bool> DeleteUserAsync(string userId, CancellationToken ct) => Run("delete user", async c =>
    {
        await using var tx = await dialect.BeginWriteAsync(c, ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM sessions WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM accounts WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));
        var deleted = await c.ExecuteAsync(new CommandDefinition("DELETE FROM users WHERE id = @userId", new { userId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return deleted == 1;
    }, ct);

    /// <inheritdoc/>
    public Task<bool> RevokeSessionsAsync(string userId, DateTimeOffset at, CancellationToken ct) => Run("revoke sessions", async c =>
    {
        await using var tx = await dialect.BeginWriteAsync(c, ct);
        var updated = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET sessions_revoked_at = @at WHERE id = @userId", new { userId, at = at.ToUnixTimeMilliseconds() }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM sessions WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return updated == 1;
    }, ct);

    /// <inheritdoc/>
    public Task<bool> SetUserDisabledAsync(string userId, bool disabled, DateTimeOffset now, CancellationToken ct) => Run("set user disabled", async c =>
    {
        await using var tx = await dialect.BeginWriteAsync(c, ct);
        var updated = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET disabled = @disabled, updated_at = @now WHERE id = @userId",
            new { userId, disabled = disabled ? 1 : 0, now = now.ToUnixTimeMilliseconds() }, tx, cancellationToken: ct));
        if (disabled) await c.ExecuteAsync(new CommandDefinition("DELETE FROM sessions WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return updated == 1;
    }, ct);

    /// <inheritdoc/>
    public Task CheckAsync(CancellationToken ct) => Run("check", c =>
        c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: ct)), ct);

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> DataProtectionKeysAsync(CancellationToken ct) => Run("read data protection keys", async c =>
    {
        var rows = await c.QueryAsync<string>(new CommandDefinition("SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name", cancellationToken: ct));
        return (IReadOnlyList<string>)rows.ToList();
    }, ct);

    /// <inheritdoc/>
    public Task StoreDataProtectionKeyAsync(string friendlyName, string xml, DateTimeOffset createdAt, CancellationToken ct) => Run("store data protection key", c =>
        c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @createdAt) ON CONFLICT (friendly_name) DO NOTHING",
            new { friendlyName, xml, createdAt = createdAt.ToUnixTimeMilliseconds() }, cancellationToken: ct)), ct);

    /// <inheritdoc/>
    public Task AppendAuditAsync(AuditEvent audit, CancellationToken ct) => Run("append audit event", c => AppendAudit(c, null, audit, ct), ct);

    /// <inheritdoc/>
    public Task<int> DeleteAuditOlderThanAsync(DateTimeOffset cutoff, int batchSize, CancellationToken ct) => Run("prune audit events", c =>
        c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE occurred_at < @cutoff ORDER BY occurred_at LIMIT @batchSize)",
            new { cutoff = cutoff.ToUnixTimeMilliseconds(), batchSize }, cancellationToken: ct)), ct);

    private static Task<int> AppendAudit(DbConnection c, DbTransaction? tx, AuditEvent a, CancellationToken ct) => c.ExecuteAsync(new CommandDefinition(
        "INSERT INTO audit_events (id, occurred_at, event_type, user_id, provider, error_code, ip, user_agent, details) " +
        "VALUES (@Id, @OccurredAt, @EventType, @UserId, @Provider, @ErrorCode, @Ip, @UserAgent, @Details)",
        new
        {
            Id = Guid.CreateVersion7().ToString("N"), OccurredAt = a.OccurredAt.ToUnixTimeMilliseconds(), EventType = AuditEventTypes.Name(a.Type),
            a.UserId, a.Provider, ErrorCode = a.Error?.ToString(), a.Ip,
            UserAgent = a.UserAgent is { Length: > AuditEvent.MaxUserAgentLength } ua ? ua[..AuditEvent.MaxUserAgentLength] : a.UserAgent, a.Details,
        }, tx, cancellationToken: ct));

    private Task<T> Run<T>(string operation, Func<DbConnection, Task<T>> work, CancellationToken ct) => dialect.RunAsync(operation, work, ct);

    private static async Task<UserRecord?> FindUser(DbConnection c, DbTransaction? tx, string userId, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition($"SELECT {UserColumns} FROM users u WHERE u.id = @userId", new { userId }, tx, cancellationToken: ct));
        return row?.ToUser();
    }

    private string? Protect(string? value) => value is null ? null : _tokens.Protect(value);
    private string? Unprotect(string? value) => value is null ? null : _tokens.Unprotect(value);
    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    private static string? Normalize(string? email) => email?.Trim().ToUpperInvariant();

    private AccountRecord ToAccount(AccountRow r) => new(
        r.Id, r.UserId, r.Provider, r.ProviderAccountId, r.Name, r.Email, r.EmailVerified != 0, r.Image, r.RawProfile,
        new ProviderTokens(Unprotect(r.AccessToken), Unprotect(r.RefreshToken), Unprotect(r.IdToken), r.TokenType, r.Scope, r.ExpiresAt is { } e ? Time(e) : null),
        Time(r.CreatedAt), Time(r.UpdatedAt))
    {
        TokenVersion = r.TokenVersion,
        NeedsReauthorization = r.NeedsReauthorization != 0,
    };

    private object AccountParameters(AccountRecord a) => new
    {
        a.Id, a.UserId, a.Provider, a.ProviderAccountId, a.Name, a.Email, EmailVerified = a.EmailVerified ? 1 : 0, a.Image, a.RawProfile,
        AccessToken = Protect(a.Tokens.AccessToken), RefreshToken = Protect(a.Tokens.RefreshToken), IdToken = Protect(a.Tokens.IdToken),
        a.Tokens.TokenType, a.Tokens.Scope, ExpiresAt = a.Tokens.ExpiresAt?.ToUnixTimeMilliseconds(),
        CreatedAt = a.CreatedAt.ToUnixTimeMilliseconds(), UpdatedAt = a.UpdatedAt.ToUnixTimeMilliseconds(),
    };

    private static object UserParameters(UserRecord u) => new
    {
        u.Id, u.Name, u.Email, EmailNormalized = Normalize(u.Email), EmailVerified = u.EmailVerified ? 1 : 0, u.Image,
        CreatedAt = u.CreatedAt.ToUnixTimeMilliseconds(), UpdatedAt = u.UpdatedAt.ToUnixTimeMilliseconds(),
    };

    private sealed class Transaction(RelationalStore store, DbConnection c, DbTransaction tx, CancellationToken ct) : IStoreTransaction
    {
        public string NewUserId(string provider, string providerAccountId) => Guid.CreateVersion7().ToString("N");

        public async Task<AccountRecord?> FindAccountAsync(string provider, string providerAccountId)
        {
            // concurrent sign-ins of the same provider account take turns from here on (PostgreSQL); the unique key remains the backstop
            await store.Dialect.SerializeAsync(c, tx, $"daemun.account\n{provider}\n{providerAccountId}", ct);
            var row = await c.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
                $"SELECT {AccountColumns} FROM accounts WHERE provider = @provider AND provider_account_id = @providerAccountId",
                new { provider, providerAccountId }, tx, cancellationToken: ct));
            return row is null ? null : store.ToAccount(row);
        }

        public Task<UserRecord?> FindUserAsync(string userId) => FindUser(c, tx, userId, ct);

        public async Task<UserRecord?> FindUserByEmailAsync(string email)
        {
            var row = await c.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
                $"SELECT {UserColumns} FROM users u WHERE u.email_normalized = @email", new { email = Normalize(email) }, tx, cancellationToken: ct));
            return row?.ToUser();
        }

        public async Task<bool> HasAccountWithEmailAsync(string userId, string email)
        {
            var emails = await c.QueryAsync<string?>(new CommandDefinition(
                "SELECT email FROM accounts WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));
            return emails.Any(e => Normalize(e) == Normalize(email));
        }

        public async Task<IReadOnlyList<string>> AccountProvidersAsync(string userId) =>
            (await c.QueryAsync<string>(new CommandDefinition(
                "SELECT DISTINCT provider FROM accounts WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct))).ToList();

        public Task InsertUserAsync(UserRecord user) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO users (id, name, email, email_normalized, email_verified, image, created_at, updated_at) VALUES (@Id, @Name, @Email, @EmailNormalized, @EmailVerified, @Image, @CreatedAt, @UpdatedAt)",
            UserParameters(user), tx, cancellationToken: ct));

        public Task UpdateUserAsync(UserRecord user) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET name = @Name, email = @Email, email_normalized = @EmailNormalized, email_verified = @EmailVerified, image = @Image, updated_at = @UpdatedAt WHERE id = @Id",
            UserParameters(user), tx, cancellationToken: ct));

        public Task InsertAccountAsync(AccountRecord account) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO accounts (id, user_id, provider, provider_account_id, name, email, email_verified, image, raw_profile, access_token, refresh_token, id_token, token_type, scope, expires_at, created_at, updated_at) " +
            "VALUES (@Id, @UserId, @Provider, @ProviderAccountId, @Name, @Email, @EmailVerified, @Image, @RawProfile, @AccessToken, @RefreshToken, @IdToken, @TokenType, @Scope, @ExpiresAt, @CreatedAt, @UpdatedAt)",
            store.AccountParameters(account), tx, cancellationToken: ct));

        public Task UpdateAccountAsync(AccountRecord account) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET name = @Name, email = @Email, email_verified = @EmailVerified, image = @Image, raw_profile = @RawProfile, access_token = @AccessToken, " +
            "refresh_token = @RefreshToken, id_token = @IdToken, token_type = @TokenType, scope = @Scope, expires_at = @ExpiresAt, updated_at = @UpdatedAt, " +
            "token_version = token_version + 1, needs_reauthorization = 0 WHERE id = @Id",
            store.AccountParameters(account), tx, cancellationToken: ct));

        public Task AppendAuditAsync(AuditEvent audit) => AppendAudit(c, tx, audit, ct);

        public Task DeleteSessionAsync(string tokenHash) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sessions WHERE token_hash = @tokenHash", new { tokenHash }, tx, cancellationToken: ct));

        public Task InsertSessionAsync(SessionRecord session) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO sessions (token_hash, user_id, expires_at, created_at, updated_at, provider, authenticated_at) VALUES (@TokenHash, @UserId, @ExpiresAt, @CreatedAt, @UpdatedAt, @Provider, @AuthenticatedAt)",
            new
            {
                session.TokenHash, session.UserId, ExpiresAt = session.ExpiresAt.ToUnixTimeMilliseconds(),
                session.Provider, AuthenticatedAt = session.AuthenticatedAt?.ToUnixTimeMilliseconds(),
                CreatedAt = session.CreatedAt.ToUnixTimeMilliseconds(), UpdatedAt = session.UpdatedAt.ToUnixTimeMilliseconds(),
            }, tx, cancellationToken: ct));
    }

    private class UserRow
    {
        public string Id { get; set; } = "";
        public string? Name { get; set; }
        public string? Email { get; set; }
        public long EmailVerified { get; set; }
        public string? Image { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }
        public long Disabled { get; set; }
        public long? SessionsRevokedAt { get; set; }
        public UserRecord ToUser() => new(Id, Name, Email, EmailVerified != 0, Image, Time(CreatedAt), Time(UpdatedAt))
        {
            Disabled = Disabled != 0,
            SessionsRevokedAt = SessionsRevokedAt is { } at ? Time(at) : null,
        };
    }

    private sealed class SessionUserRow : UserRow
    {
        public string TokenHash { get; set; } = "";
        public string UserId { get; set; } = "";
        public long ExpiresAt { get; set; }
        public long SessionCreatedAt { get; set; }
        public long SessionUpdatedAt { get; set; }
        public string? SessionProvider { get; set; }
        public long? AuthenticatedAt { get; set; }
    }

    private sealed class TakenSignInRow
    {
        public string Material { get; set; } = "";
        public long ExpiresAt { get; set; }
    }

    private sealed class AccountRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string Provider { get; set; } = "";
        public string ProviderAccountId { get; set; } = "";
        public string? Name { get; set; }
        public string? Email { get; set; }
        public long EmailVerified { get; set; }
        public string? Image { get; set; }
        public string RawProfile { get; set; } = "";
        public string? AccessToken { get; set; }
        public string? RefreshToken { get; set; }
        public string? IdToken { get; set; }
        public string? TokenType { get; set; }
        public string? Scope { get; set; }
        public long? ExpiresAt { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }
        public long TokenVersion { get; set; }
        public long NeedsReauthorization { get; set; }
    }
}
