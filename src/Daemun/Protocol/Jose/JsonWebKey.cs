using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;

namespace Daemun.Protocol.Jose;

/// One public key from a JWKS (RFC 7517): RSA (n, e) of 2048 to 8192 bits, or EC P-256 (x, y).
/// Private parameters are ignored; "use" must be absent or "sig"; "key_ops", if present, must allow
/// "verify"; "alg", if present, is the only algorithm the key is used with.
internal sealed class JsonWebKey
{
    public const string RsaKeyType = "RSA";
    public const string EllipticCurveKeyType = "EC";
    public const int MinRsaModulusBits = 2048;
    public const int MaxRsaModulusBits = 8192;

    private const int P256CoordinateLength = 32;
    private const int Es256SignatureLength = 2 * P256CoordinateLength;

    // P-256 (FIPS 186-4 D.1.2.3): y^2 = x^3 - 3x + b over GF(p).
    private static readonly BigInteger P256Prime = BigInteger.Parse("115792089210356248762697446949407573530086143415290314195533631308867097853951", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger P256B = BigInteger.Parse("41058363725152142129326129780047268409114441015993725554835256314039467401291", System.Globalization.CultureInfo.InvariantCulture);

    private readonly byte[] first;   // RSA modulus, or EC x
    private readonly byte[] second;  // RSA exponent, or EC y

    private JsonWebKey(string? keyId, string keyType, string? algorithm, byte[] first, byte[] second, int keySizeInBits)
    {
        KeyId = keyId;
        KeyType = keyType;
        Algorithm = algorithm;
        this.first = first;
        this.second = second;
        KeySizeInBits = keySizeInBits;
    }

    /// The key's "kid", when it has one.
    public string? KeyId { get; }

    /// "RSA" or "EC".
    public string KeyType { get; }

    /// The key's "alg", when it has one; it then constrains the key to that algorithm.
    public string? Algorithm { get; }

    /// The RSA modulus length in bits, or 256 for P-256.
    public int KeySizeInBits { get; }

    /// Reads one JWK; false (with a short reason) when it is not a usable signature verification key.
    public static bool TryParse(JsonElement jwk, [NotNullWhen(true)] out JsonWebKey? key, [NotNullWhen(false)] out string? reason)
    {
        key = null;
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            reason = "the key is not a JSON object";
            return false;
        }

        if (StrictJson.TryGetString(jwk, "kty", out var keyType) != MemberState.Present)
        {
            reason = "the key has no kty string";
            return false;
        }

        var kidState = StrictJson.TryGetString(jwk, "kid", out var keyId);
        var algState = StrictJson.TryGetString(jwk, "alg", out var algorithm);
        var useState = StrictJson.TryGetString(jwk, "use", out var use);
        if (kidState == MemberState.WrongType || algState == MemberState.WrongType || useState == MemberState.WrongType)
        {
            reason = "the key's kid, alg or use is not a string";
            return false;
        }

        if (useState == MemberState.Present && use != "sig")
        {
            reason = "the key is not for signatures (use)";
            return false;
        }

        if (jwk.TryGetProperty("key_ops", out var keyOps) && !AllowsVerify(keyOps))
        {
            reason = "the key's key_ops do not allow verify";
            return false;
        }

        if (algState == MemberState.Present && JoseAlgorithms.KeyTypeFor(algorithm) != keyType)
        {
            reason = "the key's alg is unsupported or does not fit its kty";
            return false;
        }

        return keyType switch
        {
            RsaKeyType => TryParseRsa(jwk, keyId, algorithm, out key, out reason),
            EllipticCurveKeyType => TryParseEllipticCurve(jwk, keyId, algorithm, out key, out reason),
            _ => Refuse("the key type is not supported", out key, out reason),
        };
    }

    /// Whether this key may verify alg: its kty fits, and its own alg (if any) is alg.
    public bool Fits(string alg) =>
        JoseAlgorithms.KeyTypeFor(alg) is { } needed
        && needed == KeyType
        && (Algorithm is null || Algorithm == alg);

    /// Verifies signature over signingInput with alg; false for a wrong signature, a malformed one,
    /// or an algorithm this key must not be used with.
    public bool Verify(string alg, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (!Fits(alg))
        {
            return false;
        }

        try
        {
            switch (alg)
            {
                case JoseAlgorithms.RS256:
                case JoseAlgorithms.PS256:
                {
                    if (signature.Length != first.Length)
                    {
                        return false; // RFC 8017 §8.1.2/§8.2.2: the signature is exactly k octets
                    }

                    using var rsa = RSA.Create();
                    rsa.ImportParameters(new RSAParameters { Modulus = first, Exponent = second });
                    var padding = alg == JoseAlgorithms.PS256 ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
                    return rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, padding);
                }

                case JoseAlgorithms.ES256:
                {
                    if (signature.Length != Es256SignatureLength)
                    {
                        return false; // R || S only; a DER signature has a different length
                    }

                    using var ecdsa = ECDsa.Create();
                    ecdsa.ImportParameters(EcParameters(first, second));
                    return ecdsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                }

                default:
                    return false;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool TryParseRsa(JsonElement jwk, string? keyId, string? algorithm, [NotNullWhen(true)] out JsonWebKey? key, [NotNullWhen(false)] out string? reason)
    {
        if (!TryGetBytes(jwk, "n", out var modulus) || !TryGetBytes(jwk, "e", out var exponent))
        {
            return Refuse("the RSA key has no base64url n and e", out key, out reason);
        }

        // RFC 7518 §6.3.1 forbids leading zero octets, but some publishers add one; the value is the same.
        modulus = TrimLeadingZeros(modulus);
        exponent = TrimLeadingZeros(exponent);
        var bits = BitLength(modulus);
        if (bits < MinRsaModulusBits)
        {
            return Refuse("the RSA key is shorter than 2048 bits", out key, out reason);
        }

        if (bits > MaxRsaModulusBits)
        {
            return Refuse("the RSA key is longer than 8192 bits", out key, out reason);
        }

        if ((modulus[^1] & 1) == 0)
        {
            return Refuse("the RSA modulus is even", out key, out reason);
        }

        // e = 1 would make every message its own signature; e must be odd, at least 3, at most 64 bits.
        if (exponent.Length is 0 or > 8 || (exponent[^1] & 1) == 0 || (exponent.Length == 1 && exponent[0] < 3))
        {
            return Refuse("the RSA exponent is not an odd number from 3 to 2^64", out key, out reason);
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
        }
        catch (CryptographicException)
        {
            return Refuse("the RSA key cannot be imported", out key, out reason);
        }

        key = new JsonWebKey(keyId, RsaKeyType, algorithm, modulus, exponent, bits);
        reason = null;
        return true;
    }

    private static bool TryParseEllipticCurve(JsonElement jwk, string? keyId, string? algorithm, [NotNullWhen(true)] out JsonWebKey? key, [NotNullWhen(false)] out string? reason)
    {
        if (StrictJson.TryGetString(jwk, "crv", out var curve) != MemberState.Present || curve != "P-256")
        {
            return Refuse("the EC key is not on P-256", out key, out reason);
        }

        if (!TryGetBytes(jwk, "x", out var x) || !TryGetBytes(jwk, "y", out var y)
            || x.Length != P256CoordinateLength || y.Length != P256CoordinateLength)
        {
            return Refuse("the EC key has no 32-byte base64url x and y", out key, out reason);
        }

        if (!IsOnP256(x, y))
        {
            return Refuse("the EC point is not on P-256", out key, out reason);
        }

        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportParameters(EcParameters(x, y));
        }
        catch (CryptographicException)
        {
            return Refuse("the EC key cannot be imported", out key, out reason);
        }

        key = new JsonWebKey(keyId, EllipticCurveKeyType, algorithm, x, y, 256);
        reason = null;
        return true;
    }

    private static ECParameters EcParameters(byte[] x, byte[] y) => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = x, Y = y },
    };

    // An affine point with both coordinates below p that satisfies the curve equation
    // (the point at infinity has no affine form, so it cannot get here).
    private static bool IsOnP256(byte[] x, byte[] y)
    {
        var px = new BigInteger(x, isUnsigned: true, isBigEndian: true);
        var py = new BigInteger(y, isUnsigned: true, isBigEndian: true);
        if (px >= P256Prime || py >= P256Prime)
        {
            return false;
        }

        var left = BigInteger.ModPow(py, 2, P256Prime);
        var right = BigInteger.Remainder((BigInteger.ModPow(px, 3, P256Prime) - 3 * px + P256B) % P256Prime + P256Prime, P256Prime);
        return left == right;
    }

    private static bool AllowsVerify(JsonElement keyOps)
    {
        if (keyOps.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var allows = false;
        foreach (var operation in keyOps.EnumerateArray())
        {
            if (operation.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            allows |= operation.ValueEquals("verify");
        }

        return allows;
    }

    private static bool TryGetBytes(JsonElement jwk, string name, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        return StrictJson.TryGetString(jwk, name, out var text) == MemberState.Present
            && StrictBase64Url.TryDecode(text, out bytes);
    }

    private static byte[] TrimLeadingZeros(byte[] value)
    {
        var zeros = 0;
        while (zeros < value.Length && value[zeros] == 0)
        {
            zeros++;
        }

        return zeros == 0 ? value : value[zeros..];
    }

    private static int BitLength(byte[] unsignedBigEndian) =>
        unsignedBigEndian.Length == 0 ? 0 : (unsignedBigEndian.Length - 1) * 8 + (32 - BitOperations.LeadingZeroCount((uint)unsignedBigEndian[0]));

    private static bool Refuse(string why, [NotNullWhen(true)] out JsonWebKey? key, [NotNullWhen(false)] out string? reason)
    {
        key = null;
        reason = why;
        return false;
    }
}
