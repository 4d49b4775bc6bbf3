using System.Security.Cryptography;
using System.Text;

namespace Daemun.Storage;

/// <summary>Users without a database (<c>UseNoDatabase()</c>, <c>Daemun:Store:Provider=none</c>, with Cookie sessions): none is kept. Each
/// sign-in stands alone — no linking, no stored tokens — and the user id is derived from the provider account, so it is the same at every
/// sign-in. Lookups find nothing and deletions, revocations and disabling find no user (false).</summary>
public sealed class StatelessUserStore : IUserStore
{
    /// <summary>The stable user id of a provider account: the first 16 bytes of SHA-256("provider\nid"), hex.</summary>
    public static string UserId(string provider, string providerAccountId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{provider}\n{providerAccountId}")).AsSpan(0, 16));

    /// <summary>False: nothing is kept.</summary>
    public bool KeepsUsers => false;

    /// <summary>Runs <paramref name="work"/> over nothing: every lookup misses, every write is dropped, new users get <see cref="UserId"/>.</summary>
    public Task<T> InTransactionAsync<T>(Func<IStoreTransaction, Task<T>> work, CancellationToken ct) => work(Nothing.Instance);

    /// <inheritdoc/>
    public Task<UserRecord?> FindUserAsync(string userId, CancellationToken ct) => Task.FromResult<UserRecord?>(null);

    /// <inheritdoc/>
    public Task<IReadOnlyList<AccountRecord>> AccountsOfUserAsync(string userId, CancellationToken ct) => Task.FromResult<IReadOnlyList<AccountRecord>>([]);

    /// <inheritdoc/>
    public Task<AccountRecord?> FindAccountOfUserAsync(string userId, string provider, CancellationToken ct) => Task.FromResult<AccountRecord?>(null);

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

    /// <summary>A transaction over nothing: every lookup misses and every write is dropped. Database sessions are refused at start-up
    /// without a database, so no session row ever reaches it.</summary>
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
        public Task InsertSessionAsync(SessionRecord session) => throw new InvalidOperationException("Database sessions need a database.");
        public Task DeleteSessionAsync(string tokenHash) => Task.CompletedTask;
        public Task AppendAuditAsync(AuditEvent audit) => Task.CompletedTask;
    }
}
