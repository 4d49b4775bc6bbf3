using System.Security.Cryptography;

namespace Daemun.Emulator;

/// <summary>Random token shapes.</summary>
internal static class Tokens
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Base64(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));
    public static string Url(int bytes) => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
    public static string Alnum(int length) => RandomNumberGenerator.GetString(Alphanumeric, length);
    public static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
