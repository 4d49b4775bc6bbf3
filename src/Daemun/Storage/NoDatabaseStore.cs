using System.Security.Cryptography;
using System.Text;

namespace Daemun.Storage;

/// <summary>For apps without a database (<c>Daemun:Store:Provider=none</c>, with Cookie sessions): nothing is persisted. Each sign-in stands
/// alone — no linking, no stored tokens — and the user id is derived from the provider account, so it is the same at every sign-in.
/// Sign-in states are still single use, remembered in memory until they expire (per process).</summary>
public sealed class NoDatabaseStore : IDaemunStore
{
    private readonly ExpiringKeys _consumed = new();

    /// <summary>The stable user id of a provider account: the first 16 bytes of SHA-256("provider\nid"), hex.</summary>
    public static string UserId(string provider, string providerAccountId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{provider}\n{providerAccountId}")).AsSpan(0, 16));

    /// <inheritdoc/>
    public Task MigrateAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task<T> InTransactionAsync<T>(Func<IStoreTransaction, Task<T>> work, CancellationToken ct) => work(Nothing.Instance);

    /// <inheritdoc/>
    public Task<bool> TryConsumeStateAsync(string stateHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct)
        => Task.FromResult(_consumed.TryAdd(stateHash, expiresAt, now));

    /// <inheritdoc/>
    public Task SaveSignInRequestAsync(SignInRequestRecord request, DateTimeOffset now, CancellationToken ct) =>
        throw new InvalidOperationException("There is no database to keep sign-ins in: without one they live in the encrypted state cookie.");

    /// <inheritdoc/>
    public Task<SignInRequestTake> TakeSignInRequestAsync(string stateHash, string browserHash, DateTimeOffset now, CancellationToken ct) =>
        throw new InvalidOperationException("There is no database to keep sign-ins in: without one they live in the encrypted state cookie.");

    /// <inheritdoc/>
    public Task<(SessionRecord Session, UserRecord User)?> FindSessionAsync(string tokenHash, CancellationToken ct) =>
        Task.FromResult<(SessionRecord, UserRecord)?>(null);

    /// <inheritdoc/>
    public Task ExtendSessionAsync(string tokenHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task DeleteSessionAsync(string tokenHash, CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task<UserRecord?> FindUserAsync(string userId, CancellationToken ct) => Task.FromResult<UserRecord?>(null);

    /// <inheritdoc/>
    public Task<IReadOnlyList<AccountRecord>> AccountsOfUserAsync(string userId, CancellationToken ct) => Task.FromResult<IReadOnlyList<AccountRecord>>([]);

    /// <inheritdoc/>
    public Task<AccountRecord?> FindAccountOfUserAsync(string userId, string provider, CancellationToken ct) => Task.FromResult<AccountRecord?>(null);

    /// <inheritdoc/>
    public Task<bool> TryTakeRefreshLeaseAsync(RefreshLease lease, DateTimeOffset now, CancellationToken ct) => Task.FromResult(false);

    /// <inheritdoc/>
    public Task<bool> CompleteRefreshAsync(RefreshLease lease, ProviderTokens tokens, DateTimeOffset now, CancellationToken ct) => Task.FromResult(false);

    /// <inheritdoc/>
    public Task MarkReauthorizationRequiredAsync(RefreshLease lease, DateTimeOffset now, CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task ReleaseRefreshLeaseAsync(RefreshLease lease, CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task<bool> DeleteAccountAsync(string accountId, CancellationToken ct) => Task.FromResult(false);

    /// <inheritdoc/>
    public Task<string?> DeleteAccountByProviderIdAsync(string provider, string providerAccountId, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <inheritdoc/>
    public Task<bool> DeleteUserWithoutAccountsAsync(string userId, CancellationToken ct) => Task.FromResult(false);

    /// <inheritdoc/>
    public Task<bool> DeleteUserAsync(string userId, CancellationToken ct) => Task.FromResult(false);

    /// <summary>There are no user rows to mark: a cookie session without a database cannot be revoked before it expires.</summary>
    public Task<bool> RevokeSessionsAsync(string userId, DateTimeOffset at, CancellationToken ct) => Task.FromResult(false);

    /// <summary>There are no user rows to mark (see <see cref="RevokeSessionsAsync"/>).</summary>
    public Task<bool> SetUserDisabledAsync(string userId, bool disabled, DateTimeOffset now, CancellationToken ct) => Task.FromResult(false);

    /// <inheritdoc/>
    public Task CheckAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> DataProtectionKeysAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc/>
    public Task StoreDataProtectionKeyAsync(string friendlyName, string xml, DateTimeOffset createdAt, CancellationToken ct) =>
        throw new InvalidOperationException("There is no database to keep Data Protection keys in: persist them elsewhere (PersistKeysToFileSystem).");

    /// <summary>A transaction over nothing: every lookup misses and every write is dropped.</summary>
    private sealed class Nothing : IStoreTransaction
    {
        public static readonly Nothing Instance = new();
        public string NewUserId(string provider, string providerAccountId) => UserId(provider, providerAccountId);
        public Task<AccountRecord?> FindAccountAsync(string provider, string providerAccountId) => Task.FromResult<AccountRecord?>(null);
        public Task<UserRecord?> FindUserAsync(string userId) => Task.FromResult<UserRecord?>(null);
        public Task<UserRecord?> FindUserByEmailAsync(string email) => Task.FromResult<UserRecord?>(null);
        public Task<bool> HasAccountWithEmailAsync(string userId, string email) => Task.FromResult(false);
        public Task<IReadOnlyList<string>> AccountProvidersAsync(string userId) => Task.FromResult<IReadOnlyList<string>>([]);
        public Task InsertUserAsync(UserRecord user) => Task.CompletedTask;
        public Task UpdateUserAsync(UserRecord user) => Task.CompletedTask;
        public Task InsertAccountAsync(AccountRecord account) => Task.CompletedTask;
        public Task UpdateAccountAsync(AccountRecord account) => Task.CompletedTask;
        public Task InsertSessionAsync(SessionRecord session) => throw new InvalidOperationException("Database sessions need a store.");
        public Task DeleteSessionAsync(string tokenHash) => Task.CompletedTask;
    }
}
