using System.Diagnostics.CodeAnalysis;

namespace Daemun.Protocol;

/// base64url as RFC 7515 §2 uses it: the URL-safe alphabet, no padding, no whitespace, and canonical
/// (the unused low bits of the last character must be zero), so one byte string has exactly one encoding.
internal static class StrictBase64Url
{
    /// Decodes text, or returns false when it is not strict base64url. Empty text decodes to no bytes.
    public static bool TryDecode(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.Length % 4 == 1)
        {
            return false; // six bits cannot make a byte
        }

        var output = new byte[text.Length / 4 * 3 + (text.Length % 4 == 0 ? 0 : text.Length % 4 - 1)];
        var written = 0;
        var buffer = 0;
        var bufferedBits = 0;
        foreach (var c in text)
        {
            var value = ValueOf(c);
            if (value < 0)
            {
                return false;
            }

            buffer = (buffer << 6) | value;
            bufferedBits += 6;
            if (bufferedBits >= 8)
            {
                bufferedBits -= 8;
                output[written++] = (byte)(buffer >> bufferedBits);
                buffer &= (1 << bufferedBits) - 1;
            }
        }

        if (buffer != 0)
        {
            return false; // non-canonical: leftover bits must be zero
        }

        bytes = output;
        return true;
    }

    /// Encodes bytes as base64url without padding.
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static int ValueOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };
}
