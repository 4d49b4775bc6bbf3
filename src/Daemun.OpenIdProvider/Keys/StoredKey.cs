namespace Daemun.OpenIdProvider.Keys;

/// <summary>One row of <c>oidc_keys</c>: a key of the OpenID Provider as stored, its material encrypted with Data Protection.
/// Times are Unix milliseconds.</summary>
/// <param name="Id">The key id (<c>kid</c> in the JWKS and in token headers).</param>
/// <param name="Use"><see cref="KeyUses.Signing"/>, <see cref="KeyUses.Encryption"/> or <see cref="KeyUses.Pairwise"/>.</param>
/// <param name="Algorithm"><c>RS256</c>, <c>ES256</c> (signing), <c>A256KW</c> (encryption), <c>HS256</c> (pairwise secret).</param>
/// <param name="ProtectedMaterial">The private key (PKCS#8) or secret bytes, protected with Data Protection (purpose
/// <see cref="KeyMaterial.Purpose"/>), base64url.</param>
/// <param name="CreatedAt">When it was generated.</param>
/// <param name="SignsFrom">From when it signs (a signing key is published from <paramref name="CreatedAt"/>, before it signs).</param>
/// <param name="RetiresAt">When a signing key leaves the JWKS: the moment its successor started signing plus the longest lifetime of a
/// token it may have signed. Null while it has no successor.</param>
internal sealed record StoredKey(string Id, string Use, string Algorithm, string ProtectedMaterial, long CreatedAt, long SignsFrom, long? RetiresAt);
