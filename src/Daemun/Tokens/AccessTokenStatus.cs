namespace Daemun.Tokens;

/// <summary>What <see cref="IProviderTokenService.GetAccessTokenAsync"/> found.</summary>
public enum AccessTokenStatus
{
    /// <summary>A usable access token (refreshed first if it had expired or was about to).</summary>
    Valid,
    /// <summary>The user has no account at this provider (or there is no store to keep tokens in).</summary>
    NotLinked,
    /// <summary>The provider refused the refresh token (revoked, expired, unlinked) or there is none: the person must sign in with the
    /// provider again (<c>/api/auth/signin/{provider}</c>) before the provider's API can be called.</summary>
    ReauthorizationRequired,
    /// <summary>The provider could not be reached or answered with a server error; try again later. The stored tokens are unchanged.</summary>
    ProviderUnavailable,
    /// <summary>The provider answered in a way that is not documented, or refused the client itself (check the client id and secret).</summary>
    ProviderError,
    /// <summary>The store could not be read or written.</summary>
    StoreUnavailable,
}
