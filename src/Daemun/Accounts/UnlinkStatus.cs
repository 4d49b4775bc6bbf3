namespace Daemun.Accounts;

/// <summary>What <see cref="IDaemunAccounts.UnlinkAsync"/> and <see cref="IDaemunAccounts.DeleteUserAsync"/> did.</summary>
public enum UnlinkStatus
{
    /// <summary>Removed at the provider (where it has an API for it) and here.</summary>
    Unlinked,
    /// <summary>There was nothing to remove.</summary>
    NotLinked,
    /// <summary>Refused: it is the user's only way to sign in. Delete the user instead.</summary>
    LastAccount,
    /// <summary>The provider could not be reached; nothing was removed. Try again later.</summary>
    ProviderUnavailable,
    /// <summary>The provider refused our client (check its id and secret); nothing was removed.</summary>
    ProviderError,
    /// <summary>The store could not be read or written.</summary>
    StoreUnavailable,
}
