namespace Daemun.Storage;

/// <summary>The reads and writes of one sign-in, inside one transaction (<see cref="IUserStore.InTransactionAsync"/>).</summary>
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
    /// <summary>Adds a database session (<see cref="ISessionStore"/>): it lands with the sign-in's other writes.</summary>
    Task InsertSessionAsync(SessionRecord session);
    /// <summary>Deletes a database session; unknown hashes are ignored.</summary>
    Task DeleteSessionAsync(string tokenHash);
    /// <summary>Appends an audit event (<see cref="IAuditStore"/>): it lands with the transaction's other writes, or not at all.
    /// Without a database it is dropped.</summary>
    Task AppendAuditAsync(AuditEvent audit);
}
