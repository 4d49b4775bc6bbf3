namespace Daemun.Errors;

/// <summary>The closed set of failures Daemun reports. Every failure maps to exactly one code.</summary>
public enum ErrorCode
{
    /// <summary>Daemun or a provider is misconfigured.</summary>
    Configuration,
    /// <summary>The provider id in the URL is not configured.</summary>
    UnknownProvider,
    /// <summary>A parameter is missing, oversized or not valid UTF-8.</summary>
    InvalidRequest,
    /// <summary>A state-changing POST came without a valid CSRF token.</summary>
    MissingCsrf,
    /// <summary>The callback carried no state, or this browser has no sign-in in progress.</summary>
    StateMissing,
    /// <summary>The state does not match the one issued to this browser.</summary>
    StateInvalid,
    /// <summary>The sign-in took longer than the state's lifetime.</summary>
    StateExpired,
    /// <summary>The state was already used.</summary>
    StateReplayed,
    /// <summary>The person cancelled at the provider or refused consent.</summary>
    AccessDenied,
    /// <summary>The provider redirected back with an error other than a cancellation.</summary>
    OAuthCallbackError,
    /// <summary>The provider refused the authorization code (reused, expired, wrong client).</summary>
    TokenRequestFailed,
    /// <summary>The provider could not be reached, timed out or answered with a server error.</summary>
    ProviderUnavailable,
    /// <summary>The provider answered with something that is not the documented response.</summary>
    InvalidProviderResponse,
    /// <summary>The id_token failed validation (signature, issuer, audience, expiry or nonce).</summary>
    InvalidIdToken,
    /// <summary>The provider refused the profile request.</summary>
    ProfileRequestFailed,
    /// <summary>The email already belongs to a user who signed in another way.</summary>
    OAuthAccountNotLinked,
    /// <summary>This provider account is already linked to a different user.</summary>
    AccountAlreadyLinked,
    /// <summary>The store could not complete the operation.</summary>
    StoreUnavailable,
    /// <summary>A provider's notification (Naver's unlink notification) failed verification: client id, signature, freshness, replay or encryption.</summary>
    InvalidNotification,
    /// <summary>The action needs a signed-in person.</summary>
    SessionRequired,
    /// <summary>The provider is the user's only way to sign in, so it cannot be disconnected (delete the user instead).</summary>
    LastAccount,
    /// <summary>The user has no account at this provider.</summary>
    AccountNotLinked,
    /// <summary>The page needs a recent sign-in: the person must confirm it is them with their provider.</summary>
    ReauthenticationRequired,
    /// <summary>The provider answered a re-authentication request without re-authenticating the person.</summary>
    ReauthenticationFailed,
    /// <summary>A field of the new-user step is empty (when required) or malformed.</summary>
    InvalidProfile,
    /// <summary>The email given on the new-user step already belongs to another user.</summary>
    EmailInUse,
    /// <summary>The user was disabled by the operator and may not sign in.</summary>
    AccountDisabled,
    /// <summary>Too many requests of this kind from this client: wait (see <c>Retry-After</c>) and try again.</summary>
    RateLimited,
    /// <summary>An app's OpenID Connect request was refused and cannot be sent back to it: an unknown app, or an address (redirect_uri,
    /// post_logout_redirect_uri) it did not register exactly. The person is never sent to such an address.</summary>
    ClientRejected,
    /// <summary>Anything else.</summary>
    Default,
}
