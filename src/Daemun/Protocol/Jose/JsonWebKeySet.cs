using System.Text.Json;

namespace Daemun.Protocol.Jose;

/// A JWKS (RFC 7517 §5): the usable signature keys of one provider. Keys we cannot or must not use
/// (encryption keys, unsupported types or curves, RSA under 2048 bits, invalid points) are left out,
/// so that one odd key does not stop the others from working.
internal sealed class JsonWebKeySet
{
    /// Largest JWKS document accepted, in characters.
    public const int MaxDocumentLength = 1024 * 1024;

    private JsonWebKeySet(IReadOnlyList<JsonWebKey> keys, int skipped)
    {
        Keys = keys;
        SkippedKeyCount = skipped;
    }

    /// The usable keys, in document order.
    public IReadOnlyList<JsonWebKey> Keys { get; }

    /// How many entries of "keys" were left out as unusable.
    public int SkippedKeyCount { get; }

    /// Parses a JWKS document; throws JoseException when it is not a JSON object with a "keys" array of objects.
    public static JsonWebKeySet Parse(string json)
    {
        if (string.IsNullOrEmpty(json))
        {
            throw new JoseException("The JWKS document is empty.");
        }

        if (json.Length > MaxDocumentLength)
        {
            throw new JoseException("The JWKS document is larger than 1 MiB.");
        }

        if (!StrictJson.TryParseObject(json, out var root))
        {
            throw new JoseException("The JWKS document is not a strict JSON object.");
        }

        if (!root.TryGetProperty("keys", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            throw new JoseException("The JWKS document has no \"keys\" array.");
        }

        var keys = new List<JsonWebKey>();
        var skipped = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new JoseException("An entry of the JWKS \"keys\" array is not an object.");
            }

            if (JsonWebKey.TryParse(entry, out var key, out _))
            {
                keys.Add(key);
            }
            else
            {
                skipped++;
            }
        }

        return new JsonWebKeySet(keys, skipped);
    }

    /// The keys that may verify alg: with a kid, the fitting keys with exactly that kid; without one,
    /// the single fitting key when there is exactly one, otherwise none (we do not guess).
    public IEnumerable<JsonWebKey> Find(string? kid, string alg)
    {
        var fitting = Keys.Where(key => key.Fits(alg)).ToList();
        if (kid is null)
        {
            return fitting.Count == 1 ? fitting : [];
        }

        return fitting.Where(key => string.Equals(key.KeyId, kid, StringComparison.Ordinal)).ToList();
    }
}
