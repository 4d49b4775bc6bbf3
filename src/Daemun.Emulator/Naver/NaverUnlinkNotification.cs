using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Daemun.Emulator;

/// <summary>The form Naver POSTs to a service's registered URL when a person disconnects the app (naver.md §8).</summary>
/// <param name="ClientId">The app's client id.</param>
/// <param name="EncryptUniqueId">base64url(16-byte IV ‖ AES-128-CBC-PKCS7(UTF-8 Naver id)), unpadded.</param>
/// <param name="Timestamp">Epoch seconds, as a string.</param>
/// <param name="Signature">base64url, unpadded, of HMAC-SHA256(key, <c>clientId=…&amp;encryptUniqueId=…&amp;timestamp=…</c>).</param>
public sealed record NaverUnlinkNotification(string ClientId, string EncryptUniqueId, string Timestamp, string Signature)
{
    /// <summary>The form fields in the documented order: clientId, encryptUniqueId, timestamp, signature.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form =>
    [
        new("clientId", ClientId), new("encryptUniqueId", EncryptUniqueId), new("timestamp", Timestamp), new("signature", Signature),
    ];

    /// <summary>
    /// Computes the notification as naver.md §8 says: key = first 16 bytes of MD5(client_secret) (all of it: MD5 is 16 bytes).
    /// Assumption: encryptUniqueId is base64url WITHOUT padding, like the signature (the docs only say "base64url").
    /// </summary>
    internal static NaverUnlinkNotification Create(string clientId, string clientSecret, string naverId, DateTimeOffset timestamp)
    {
        var key = Key(clientSecret);
        using var aes = Aes.Create();
        aes.Key = key;
        var iv = RandomNumberGenerator.GetBytes(16);
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(naverId), iv, PaddingMode.PKCS7);
        var encrypted = Base64Url.EncodeToString([.. iv, .. cipher]);
        var seconds = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = $"clientId={clientId}&encryptUniqueId={encrypted}&timestamp={seconds}";
        var signature = Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)));
        return new NaverUnlinkNotification(clientId, encrypted, seconds, signature);
    }

#pragma warning disable CA5351 // MD5 is what Naver's documented key derivation uses; this is not our choice of algorithm.
    private static byte[] Key(string clientSecret) => MD5.HashData(Encoding.UTF8.GetBytes(clientSecret))[..16];
#pragma warning restore CA5351
}
