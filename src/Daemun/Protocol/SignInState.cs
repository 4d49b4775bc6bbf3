namespace Daemun.Protocol;

/// <summary>What a started sign-in must remember until its callback (state, PKCE verifier, nonce, where to go back, whether it is a
/// re-authentication or an automatic attempt in the provider's app, and — for the account page's "connect" — the user the new account is to be
/// linked to: <see cref="LinkUserId"/>, the only way a sign-in links to a signed-in user, honoured only while that same user is signed in at the
/// callback). Encrypted whole; kept in the shared store's <c>sign_in_requests</c>, or in a cookie without a database (<see cref="ISignInStates"/>).</summary>
internal sealed record SignInState(
    string Provider,
    string State,
    string? CodeVerifier,
    string? Nonce,
    string RedirectUri,
    string CallbackUrl,
    DateTimeOffset IssuedAt,
    bool Reauthenticate = false,
    bool AutoLogin = false,
    string? LinkUserId = null)
{
    /// <summary>OAuth 1.0a: the temporary credentials' shared secret (RFC 5849 §2.1), needed to sign the token request; <see cref="State"/> is
    /// then their <c>oauth_token</c>. Kept only here, encrypted with the rest; never in a URL or a log.</summary>
    public string? TokenSecret { get; init; }
}
