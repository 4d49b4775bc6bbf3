namespace Daemun.Emulator;

/// <summary>A broken id_token the token endpoint can be told to issue.</summary>
public enum IdTokenFault
{
    /// <summary>A valid id_token.</summary>
    None,
    /// <summary>Signature bytes altered.</summary>
    BadSignature,
    /// <summary>aud is another client.</summary>
    WrongAudience,
    /// <summary>iss is another issuer.</summary>
    WrongIssuer,
    /// <summary>nonce differs from the one sent.</summary>
    WrongNonce,
    /// <summary>nonce claim absent.</summary>
    MissingNonce,
    /// <summary>exp one hour in the past.</summary>
    Expired,
    /// <summary>iat one hour in the future.</summary>
    IssuedInFuture,
    /// <summary>alg "none" with an empty signature.</summary>
    AlgNone,
    /// <summary>Signed by a key whose kid is not in the JWKS.</summary>
    UnknownKid,
    /// <summary>alg HS256, HMAC keyed with the published public key's PEM (SubjectPublicKeyInfo) bytes.</summary>
    Hs256WithPublicKey,
    /// <summary>alg HS256, HMAC keyed with the client's own secret: what a provider that declares it (LINE) sends, refused by any other.</summary>
    Hs256WithClientSecret,
    /// <summary>alg HS256, HMAC keyed with a secret that is not the client's.</summary>
    Hs256WithAnotherSecret,
    /// <summary>A string that is not a JWT at all.</summary>
    MalformedToken,
    /// <summary>at_hash is the hash of another access token (OIDC Core §3.1.3.6).</summary>
    WrongAtHash,
}
