namespace Daemun.Storage;

/// <summary>Daemun's persistent state: users, linked accounts, sessions and consumed sign-in states.</summary>
public interface IDaemunStore
{
    /// <summary>Creates or upgrades the schema to the latest version.</summary>
    Task MigrateAsync(CancellationToken ct);

    /// <summary>Runs <paramref name="work"/> in one transaction: all its writes land, or none.
    /// Throws <see cref="StoreConflictException"/> when a unique key was taken by a concurrent writer.</summary>
    Task<T> InTransactionAsync<T>(Func<IStoreTransaction, Task<T>> work, CancellationToken ct);

    /// <summary>Records a sign-in state as used. False when it was used before (a replay).</summary>
    Task<bool> TryConsumeStateAsync(string stateHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct);

    /// <summary>Keeps a started sign-in until its callback, and deletes a bounded number of expired ones (and of expired used-state marks).</summary>
    Task SaveSignInRequestAsync(SignInRequestRecord request, DateTimeOffset now, CancellationToken ct);

    /// <summary>Takes the started sign-in with this state hash when <paramref name="browserHash"/> started it: deleted and marked used in one
    /// atomic step, so that of concurrent callbacks exactly one gets it. Otherwise says why not (expired, another browser's, replayed, unknown).</summary>
    Task<SignInRequestTake> TakeSignInRequestAsync(string stateHash, string browserHash, DateTimeOffset now, CancellationToken ct);

    /// <summary>The session with this token hash and its user, if any (expired ones included; the caller checks).</summary>
    Task<(SessionRecord Session, UserRecord User)?> FindSessionAsync(string tokenHash, CancellationToken ct);

    /// <summary>Slides a session's expiry.</summary>
    Task ExtendSessionAsync(string tokenHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct);

    /// <summary>Deletes a session; unknown hashes are ignored.</summary>
    Task DeleteSessionAsync(string tokenHash, CancellationToken ct);

    /// <summary>A user by id.</summary>
    Task<UserRecord?> FindUserAsync(string userId, CancellationToken ct);

    /// <summary>The accounts linked to a user, tokens decrypted.</summary>
    Task<IReadOnlyList<AccountRecord>> AccountsOfUserAsync(string userId, CancellationToken ct);

    /// <summary>The user's account at a provider (the most recently used when there are several), tokens decrypted.</summary>
    Task<AccountRecord?> FindAccountOfUserAsync(string userId, string provider, CancellationToken ct);

    /// <summary>Takes the right to refresh an account's tokens when nobody holds it (or the holder's lease ran out) and the tokens are
    /// still at <see cref="RefreshLease.TokenVersion"/>. False when another instance holds it or already refreshed.</summary>
    Task<bool> TryTakeRefreshLeaseAsync(RefreshLease lease, DateTimeOffset now, CancellationToken ct);

    /// <summary>Writes refreshed tokens, bumps the version and frees the lease; false when the lease was lost meanwhile.</summary>
    Task<bool> CompleteRefreshAsync(RefreshLease lease, ProviderTokens tokens, DateTimeOffset now, CancellationToken ct);

    /// <summary>Records that the provider refused the refresh token (bumps the version, frees the lease).</summary>
    Task MarkReauthorizationRequiredAsync(RefreshLease lease, DateTimeOffset now, CancellationToken ct);

    /// <summary>Frees a lease without changing the tokens (the provider could not be reached).</summary>
    Task ReleaseRefreshLeaseAsync(RefreshLease lease, CancellationToken ct);

    /// <summary>Removes a linked account and its tokens; false when it was already gone.</summary>
    Task<bool> DeleteAccountAsync(string accountId, CancellationToken ct);

    /// <summary>Removes the account linked as (provider, provider account id), e.g. on the provider's unlink notification; its user id, or null.</summary>
    Task<string?> DeleteAccountByProviderIdAsync(string provider, string providerAccountId, CancellationToken ct);

    /// <summary>Removes a user and their sessions when, at that moment, they have no linked account left; false otherwise.</summary>
    Task<bool> DeleteUserWithoutAccountsAsync(string userId, CancellationToken ct);

    /// <summary>Removes a user with all their accounts and sessions; false when there was no such user.</summary>
    Task<bool> DeleteUserAsync(string userId, CancellationToken ct);

    /// <summary>Ends every session of the user issued at or before <paramref name="at"/>: records the time (cookie sessions compare it at their
    /// next check) and deletes the user's database sessions. False when there is no such user.</summary>
    Task<bool> RevokeSessionsAsync(string userId, DateTimeOffset at, CancellationToken ct);

    /// <summary>Disables (or enables again) a user; disabling also deletes their database sessions. False when there is no such user.</summary>
    Task<bool> SetUserDisabledAsync(string userId, bool disabled, DateTimeOffset now, CancellationToken ct);

    /// <summary>Answers a trivial query (<c>SELECT 1</c>); throws <see cref="StoreUnavailableException"/> when the store does not.</summary>
    Task CheckAsync(CancellationToken ct);

    /// <summary>Every Data Protection key's XML, oldest first (the shared key ring, see <c>PersistKeysToStore()</c>).</summary>
    Task<IReadOnlyList<string>> DataProtectionKeysAsync(CancellationToken ct);

    /// <summary>Adds a Data Protection key; a key with the same name is kept as it is (keys are immutable once written).</summary>
    Task StoreDataProtectionKeyAsync(string friendlyName, string xml, DateTimeOffset createdAt, CancellationToken ct);
}

/// <summary>The reads and writes of one sign-in, inside one transaction.</summary>
public interface IStoreTransaction
{
    /// <summary>The id for a user created from this provider account.</summary>
    string NewUserId(string provider, string providerAccountId);
    /// <summary>The account with this provider and provider account id.</summary>
    Task<AccountRecord?> FindAccountAsync(string provider, string providerAccountId);
    /// <summary>A user by id.</summary>
    Task<UserRecord?> FindUserAsync(string userId);
    /// <summary>A user by email, compared case-insensitively.</summary>
    Task<UserRecord?> FindUserByEmailAsync(string email);
    /// <summary>True when one of the user's linked accounts carries this email (compared case-insensitively): the provider gave it,
    /// as opposed to an address the person typed on the new-user step.</summary>
    Task<bool> HasAccountWithEmailAsync(string userId, string email);
    /// <summary>The providers (ids) of the user's linked accounts, each once.</summary>
    Task<IReadOnlyList<string>> AccountProvidersAsync(string userId);
    /// <summary>Adds a user.</summary>
    Task InsertUserAsync(UserRecord user);
    /// <summary>Updates a user's profile fields.</summary>
    Task UpdateUserAsync(UserRecord user);
    /// <summary>Adds a linked account; its tokens are encrypted.</summary>
    Task InsertAccountAsync(AccountRecord account);
    /// <summary>Updates an account's profile and tokens.</summary>
    Task UpdateAccountAsync(AccountRecord account);
    /// <summary>Adds a session.</summary>
    Task InsertSessionAsync(SessionRecord session);
    /// <summary>Deletes a session; unknown hashes are ignored.</summary>
    Task DeleteSessionAsync(string tokenHash);
}
