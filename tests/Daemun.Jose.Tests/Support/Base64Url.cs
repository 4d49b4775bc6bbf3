namespace Daemun.Jose.Tests.Support;

/// The tests' own base64url encoder, independent of the code under test.
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Encode(string utf8Text) => Encode(System.Text.Encoding.UTF8.GetBytes(utf8Text));
}
