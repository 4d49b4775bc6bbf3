using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Daemun.Emulator;

/// <summary>Stable per-provider ids derived from a person's key, so they are the same on every run.</summary>
internal static class DerivedIds
{
    public static string Base64(string key, string provider) => System.Buffers.Text.Base64Url.EncodeToString(Hash(key, provider));

    public static long Number(string key, string provider, long min, long span) =>
        min + (long)(BinaryPrimitives.ReadUInt64BigEndian(Hash(key, provider)) % (ulong)span);

    /// <summary>A string of decimal digits (at most 32).</summary>
    public static string Digits(string key, string provider, int count) =>
        string.Concat(Hash(key, provider).Take(count).Select(b => (char)('0' + b % 10)));

    private static byte[] Hash(string key, string provider) => SHA256.HashData(Encoding.UTF8.GetBytes(provider + ":" + key));
}
