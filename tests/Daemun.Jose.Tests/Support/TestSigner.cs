using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Daemun.Jose.Tests.Support;

/// A small test-only JWS signer: header and payload JSON in, compact token out.
internal static class TestSigner
{
    public static string Json(IReadOnlyDictionary<string, object?> members) => JsonSerializer.Serialize(members);

    /// header.payload.signature, signing with alg and key (key is ignored for "none").
    public static string Token(string headerJson, string payloadJson, string alg, AsymmetricAlgorithm? key)
    {
        var signingInput = SigningInput(headerJson, payloadJson);
        return signingInput + "." + Base64Url.Encode(Sign(alg, Encoding.ASCII.GetBytes(signingInput), key));
    }

    public static string Token(IReadOnlyDictionary<string, object?> header, IReadOnlyDictionary<string, object?> claims, AsymmetricAlgorithm? key) =>
        Token(Json(header), Json(claims), (string)header["alg"]!, key);

    public static string SigningInput(string headerJson, string payloadJson) =>
        Base64Url.Encode(headerJson) + "." + Base64Url.Encode(payloadJson);

    public static byte[] Sign(string alg, byte[] data, AsymmetricAlgorithm? key) => alg switch
    {
        "RS256" => ((RSA)key!).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        "PS256" => ((RSA)key!).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
        "ES256" => ((ECDsa)key!).SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        "none" => [],
        _ => throw new ArgumentOutOfRangeException(nameof(alg), alg, "the test signer does not sign this"),
    };

    /// RSASSA-PSS with SHA-256 and MGF1-SHA-256 but a chosen salt length (RFC 8017 §9.1.1), done by
    /// hand so tests can produce signatures the framework would not.
    public static byte[] PssSign(RSA key, byte[] message, int saltLength)
    {
        var parameters = key.ExportParameters(true);
        var modulus = new BigInteger(parameters.Modulus, isUnsigned: true, isBigEndian: true);
        var emBits = (int)modulus.GetBitLength() - 1;
        var emLength = (emBits + 7) / 8;
        var messageHash = SHA256.HashData(message);
        var salt = RandomNumberGenerator.GetBytes(saltLength);

        var mPrime = new byte[8 + messageHash.Length + saltLength];
        messageHash.CopyTo(mPrime, 8);
        salt.CopyTo(mPrime, 8 + messageHash.Length);
        var h = SHA256.HashData(mPrime);

        var db = new byte[emLength - h.Length - 1];
        db[db.Length - saltLength - 1] = 0x01;
        salt.CopyTo(db, db.Length - saltLength);
        var mask = Mgf1(h, db.Length);
        for (var i = 0; i < db.Length; i++)
        {
            db[i] ^= mask[i];
        }

        db[0] &= (byte)(0xFF >> (8 * emLength - emBits));
        var em = new byte[emLength];
        db.CopyTo(em, 0);
        h.CopyTo(em, db.Length);
        em[^1] = 0xBC;

        var s = BigInteger.ModPow(new BigInteger(em, isUnsigned: true, isBigEndian: true), new BigInteger(parameters.D, isUnsigned: true, isBigEndian: true), modulus);
        var signature = new byte[parameters.Modulus!.Length];
        var raw = s.ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(signature, signature.Length - raw.Length);
        return signature;
    }

    private static byte[] Mgf1(byte[] seed, int length)
    {
        var output = new List<byte>(length + 32);
        var block = new byte[seed.Length + 4];
        seed.CopyTo(block, 0);
        for (uint counter = 0; output.Count < length; counter++)
        {
            block[^4] = (byte)(counter >> 24);
            block[^3] = (byte)(counter >> 16);
            block[^2] = (byte)(counter >> 8);
            block[^1] = (byte)counter;
            output.AddRange(SHA256.HashData(block));
        }

        return [.. output.Take(length)];
    }
}
