namespace Daemun.Tokens;

/// <summary>Provider tokens as a service for the app: call the provider's own APIs (Naver calendar, Kakao message, …) with a valid token.</summary>
public interface IProviderTokenService
{
    /// <summary>A valid access token for the user's account at <paramref name="provider"/>, refreshed first when it has expired or is about to.
    /// Concurrent calls for one account send one refresh request, across threads and (with a shared store) across instances.
    /// Never throws for a provider's or the store's failure: the result says what happened.</summary>
    Task<AccessTokenResult> GetAccessTokenAsync(string userId, string provider, CancellationToken ct = default);
}
