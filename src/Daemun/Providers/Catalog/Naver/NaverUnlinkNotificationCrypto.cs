using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Daemun.Protocol;

namespace Daemun.Providers;

/// <summary>The cryptography of Naver's unlink notification (naver.md §8): a key derived from the client secret, an HMAC-SHA256
/// signature over the received values, and the account id AES-128-CBC encrypted under the same key.</summary>
internal static class NaverUnlinkNotificationCrypto
{
    /// <summary>key = the first 16 bytes of MD5(client_secret) (an MD5 digest is 16 bytes, so all of it).</summary>
#pragma warning disable CA5351 // MD5 is Naver's documented key derivation, not our choice of algorithm.
    public static byte[] Key(string clientSecret) => MD5.HashData(Encoding.UTF8.GetBytes(clientSecret))[..16];
#pragma warning restore CA5351

    /// <summary>True when <paramref name="signature"/> is base64url of HMAC-SHA256(key, <c>clientId=…&amp;encryptUniqueId=…&amp;timestamp=…</c>)
    /// over the values exactly as received. Compares the encodings in constant time, so a changed unused bit in the last character fails too.</summary>
    public static bool SignatureMatches(byte[] key, string clientId, string encryptUniqueId, string timestamp, string signature)
    {
        var signed = Encoding.UTF8.GetBytes($"clientId={clientId}&encryptUniqueId={encryptUniqueId}&timestamp={timestamp}");
        var expected = Encoding.ASCII.GetBytes(StrictBase64Url.Encode(HMACSHA256.HashData(key, signed)));
        var received = Encoding.UTF8.GetBytes(signature.EndsWith('=') ? signature[..^1] : signature); // tolerate the one '=' padded form
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    /// <summary>Decrypts base64url(IV ‖ AES-128-CBC-PKCS7(id)), padded or not, to the UTF-8 id. False for anything malformed:
    /// not base64url, shorter than IV and one block, not whole blocks, bad padding, not UTF-8, empty or with control characters.</summary>
    public static bool TryDecryptId(byte[] key, string encryptUniqueId, [NotNullWhen(true)] out string? id)
    {
        id = null;
        var text = encryptUniqueId.AsSpan();
        if (text.Length % 4 == 0 && text.EndsWith("==")) text = text[..^2];
        else if (text.Length % 4 == 0 && text.EndsWith("=")) text = text[..^1];
        if (!StrictBase64Url.TryDecode(text, out var bytes) || bytes.Length < 32 || bytes.Length % 16 != 0) return false;
        try
        {
            using var aes = Aes.Create();
            aes.Key = key;
            var plain = aes.DecryptCbc(bytes.AsSpan(16), bytes.AsSpan(0, 16), PaddingMode.PKCS7);
            var value = StrictUtf8.GetString(plain);
            if (value.Length == 0 || value.Any(char.IsControl)) return false;
            id = value;
            return true;
        }
        catch (Exception e) when (e is CryptographicException or DecoderFallbackException)
        {
            return false;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
