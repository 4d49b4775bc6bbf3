namespace Daemun.Protocol;

/// Why an id_token was refused.
internal enum IdTokenFailure
{
    None,

    /// Not a compact JWS with JSON object header and payload, a JWE, a crit header, or a claim of the wrong JSON type.
    Malformed,

    /// "alg" is not both supported (RS256, PS256, ES256) and allowed by the expectations.
    AlgorithmNotAllowed,

    /// No key in the issuer's JWKS fits the token's kid and alg, even after one refetch.
    UnknownKey,

    /// The signature does not verify with the selected key.
    BadSignature,

    /// "iss" is not exactly the expected issuer.
    WrongIssuer,

    /// "aud" does not contain our client_id, or "azp" is missing (several audiences) or not us.
    WrongAudience,

    /// "exp" has passed beyond the clock skew, or "iat" is older than the maximum age.
    Expired,

    /// "iat" or "nbf" is in the future beyond the clock skew.
    NotYetValid,

    /// The nonce we sent is missing from the token or differs.
    NonceMismatch,

    /// A required claim ("iss", "sub", "aud", "exp", "iat") is missing.
    MissingClaim,

    /// The issuer's JWKS could not be fetched or parsed.
    KeysUnavailable,

    /// The issuer's metadata or key set is not usable: not a document, or a key set at an address the rules refuse.
    KeysRefused,

    /// "at_hash" does not match the access token issued with the id_token.
    AccessTokenHashMismatch,

    /// "sub" is not the subject expected (a refresh's id_token must be about the same person).
    WrongSubject,

    /// The token is larger than the limit.
    TooLarge,
}
