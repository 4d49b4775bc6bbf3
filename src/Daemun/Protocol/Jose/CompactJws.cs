using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Daemun.Protocol.Jose;

/// A parsed compact JWS (header.payload.signature), nothing trusted yet (RFC 7515 §7.1).
internal sealed class CompactJws
{
    /// Longest token accepted, in characters; id_tokens are a few KiB at most.
    public const int MaxTokenLength = 16 * 1024;

    private CompactJws(JsonElement header, string algorithm, string? keyId, ReadOnlyMemory<byte> signingInput, byte[] signature, JsonElement payload)
    {
        Header = header;
        Algorithm = algorithm;
        KeyId = keyId;
        SigningInput = signingInput;
        Signature = signature;
        Payload = payload;
    }

    /// The protected header, a JSON object.
    public JsonElement Header { get; }

    /// The header's "alg", not yet checked against any allow-list.
    public string Algorithm { get; }

    /// The header's "kid", when there is one.
    public string? KeyId { get; }

    /// ASCII(BASE64URL(header) || '.' || BASE64URL(payload)), the bytes the signature covers.
    public ReadOnlyMemory<byte> SigningInput { get; }

    /// The decoded signature.
    public byte[] Signature { get; }

    /// The payload, a JSON object (the JWT claims set).
    public JsonElement Payload { get; }

    /// Parses token strictly; on failure error is a short reason that never quotes the token.
    public static bool TryParse(string token, [NotNullWhen(true)] out CompactJws? jws, [NotNullWhen(false)] out string? error)
    {
        jws = null;
        if (string.IsNullOrEmpty(token))
        {
            error = "the token is empty";
            return false;
        }

        if (token.Length > MaxTokenLength)
        {
            error = "the token is longer than 16 KiB";
            return false;
        }

        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        if (secondDot < 0 || token.IndexOf('.', secondDot + 1) >= 0)
        {
            error = "a compact JWS has exactly three parts";
            return false;
        }

        var text = token.AsSpan();
        if (!StrictBase64Url.TryDecode(text[..firstDot], out var headerBytes)
            || !StrictBase64Url.TryDecode(text[(firstDot + 1)..secondDot], out var payloadBytes)
            || !StrictBase64Url.TryDecode(text[(secondDot + 1)..], out var signature))
        {
            error = "a part is not base64url without padding";
            return false;
        }

        if (!StrictJson.TryParseObject(headerBytes, out var header))
        {
            error = "the header is not a strict JSON object";
            return false;
        }

        if (StrictJson.TryGetString(header, "alg", out var algorithm) != MemberState.Present || string.IsNullOrEmpty(algorithm))
        {
            error = "the header has no alg string";
            return false;
        }

        var kidState = StrictJson.TryGetString(header, "kid", out var keyId);
        if (kidState == MemberState.WrongType)
        {
            error = "the header's kid is not a string";
            return false;
        }

        if (header.TryGetProperty("crit", out _))
        {
            error = "the header has crit; no JWS extension is supported";
            return false;
        }

        if (!StrictJson.TryParseObject(payloadBytes, out var payload))
        {
            error = "the payload is not a strict JSON object";
            return false;
        }

        // Every character before the second dot is base64url, so ASCII is exact.
        var signingInput = Encoding.ASCII.GetBytes(token, 0, secondDot);
        jws = new CompactJws(header, algorithm, keyId, signingInput, signature, payload);
        error = null;
        return true;
    }
}
