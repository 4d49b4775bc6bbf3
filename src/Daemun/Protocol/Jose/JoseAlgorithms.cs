namespace Daemun.Protocol.Jose;

/// The JWS algorithms this library verifies (RFC 7518 §3). Everything else, "none" and the HMAC family included, is refused.
internal static class JoseAlgorithms
{
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    public const string RS256 = "RS256";

    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt.
    public const string PS256 = "PS256";

    /// ECDSA on P-256 with SHA-256; the signature is R || S, 64 bytes (IEEE P1363), never DER.
    public const string ES256 = "ES256";

    /// Whether alg names an algorithm we can verify (ordinal: "rs256" is not "RS256").
    public static bool IsSupported(string? alg) => alg is RS256 or PS256 or ES256;

    /// The JWK key type ("kty") an algorithm needs, or null when the algorithm is not supported.
    public static string? KeyTypeFor(string? alg) => alg switch
    {
        RS256 or PS256 => JsonWebKey.RsaKeyType,
        ES256 => JsonWebKey.EllipticCurveKeyType,
        _ => null,
    };
}
