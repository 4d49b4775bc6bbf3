namespace Daemun.Storage;

/// <summary>Users and their linked accounts, and the transaction a sign-in writes them in. Registered with or without a database: without
/// one (<see cref="KeepsUsers"/> false) nothing is kept — the sign-in's transaction derives the user id from the provider account and drops
/// its writes, every lookup misses, and nothing can be deleted, revoked or disabled.</summary>
public interface IUserStore
{
    /// <summary>True when users and linked accounts are kept (a database); false without one (<see cref="StatelessUserStore"/>). Code that
    /// needs a user row to exist — linking, the new-user step, revalidating a cookie session — asks this.</summary>
    bool KeepsUsers { get; }

    /// <summary>Runs <paramref name="work"/> in one transaction: all its writes land, or none.
    /// Throws <see cref="StoreConflictException"/> when a unique key was taken by a concurrent writer.</summary>
    Task<T> InTransactionAsync<T>(Func<IStoreTransaction, Task<T>> work, CancellationToken ct);

    /// <summary>A user by id.</summary>
    Task<UserRecord?> FindUserAsync(string userId, CancellationToken ct);

    /// <summary>The accounts linked to a user, tokens decrypted.</summary>
    Task<IReadOnlyList<AccountRecord>> AccountsOfUserAsync(string userId, CancellationToken ct);

    /// <summary>The user's account at a provider (the most recently used when there are several), tokens decrypted.</summary>
    Task<AccountRecord?> FindAccountOfUserAsync(string userId, string provider, CancellationToken ct);

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
}
