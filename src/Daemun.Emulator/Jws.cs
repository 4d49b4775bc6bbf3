using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Daemun.Emulator;

/// <summary>
/// RSA keys kept for reuse by every emulator given this cache: generating a 2048-bit key takes up to a second,
/// so a test suite can share one cache across its emulators. Each emulator still gets distinct keys and its own kids.
/// </summary>
public sealed class SigningKeyCache
{
    private readonly ConcurrentDictionary<int, Lazy<byte[]>> keys = new();

    /// <summary>The PKCS#8 bytes of the index-th key, generated on first request.</summary>
    internal byte[] Get(int index) => keys.GetOrAdd(index, _ => new Lazy<byte[]>(Generate)).Value;

    internal static byte[] Generate()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKey();
    }
}

/// <summary>Hands out the RSA keys of one emulator: fresh ones, or distinct entries of a shared <see cref="SigningKeyCache"/>.</summary>
internal sealed class KeySource(SigningKeyCache? cache)
{
    private int next = -1;

    public SigningKey Next(string kidPrefix = "")
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(cache?.Get(Interlocked.Increment(ref next)) ?? SigningKeyCache.Generate(), out _);
        return new SigningKey(kidPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)), rsa);
    }
}

/// <summary>One RSA signing key with its key id.</summary>
internal sealed class SigningKey(string kid, RSA rsa)
{
    private readonly Lock signing = new();

    public string Kid { get; } = kid;
    public RSA Rsa { get; } = rsa;

    public byte[] Sign(byte[] data)
    {
        lock (signing) return Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public JsonObject ToJwk()
    {
        var p = Rsa.ExportParameters(includePrivateParameters: false);
        return new()
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = Kid,
            ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent),
        };
    }
}

/// <summary>A provider's current signing key plus the one it replaced (still published after a rotation).</summary>
internal sealed class SigningKeys(KeySource source) : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<SigningKey> retired = [];
    private SigningKey current = source.Next();
    private SigningKey? previous;

    public KeySource Source => source;

    public SigningKey Current { get { lock (gate) return current; } }

    public void Rotate()
    {
        var next = source.Next();
        lock (gate)
        {
            if (previous is not null) retired.Add(previous);
            previous = current;
            current = next;
        }
    }

    public JsonObject Jwks()
    {
        lock (gate)
        {
            var keys = new JsonArray(current.ToJwk());
            if (previous is not null) keys.Add(previous.ToJwk());
            return new() { ["keys"] = keys };
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            current.Rsa.Dispose();
            previous?.Rsa.Dispose();
            foreach (var k in retired) k.Rsa.Dispose();
        }
    }
}

/// <summary>Compact JWS (RS256) id_tokens, and the broken variants of <see cref="IdTokenFault"/>.</summary>
internal static class Jws
{
    /// <summary>OIDC Core §3.1.3.6 at_hash for RS256: base64url of the left half of SHA-256 of the access token.</summary>
    public static string AccessTokenHash(string accessToken) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)).AsSpan(0, 16));

    /// <summary>Signs the claims, after bending them as the fault asks. Claims must hold iss, aud, iat, exp and (optionally) nonce.</summary>
    public static string CreateIdToken(SigningKeys keys, JsonObject claims, IdTokenFault fault)
    {
        switch (fault)
        {
            case IdTokenFault.WrongAudience: claims["aud"] = "some-other-client"; break;
            case IdTokenFault.WrongIssuer: claims["iss"] = "https://issuer.invalid"; break;
            case IdTokenFault.WrongNonce: claims["nonce"] = "not-the-nonce-you-sent"; break;
            case IdTokenFault.MissingNonce: claims.Remove("nonce"); break;
            case IdTokenFault.Expired: Shift(claims, -(Seconds(claims, "exp") - Seconds(claims, "iat")) - 3600); break;
            case IdTokenFault.IssuedInFuture: Shift(claims, 3600); break;
            case IdTokenFault.MalformedToken: return "this-is-not-a-jwt";
            case IdTokenFault.WrongAtHash: claims["at_hash"] = AccessTokenHash("not-the-access-token-you-got"); break;
            default: break;
        }

        var key = keys.Current;
        switch (fault)
        {
            case IdTokenFault.AlgNone:
                return Segment(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }) + "." + Segment(claims) + ".";
            case IdTokenFault.UnknownKid:
            {
                var stranger = keys.Source.Next("unknown-");
                using (stranger.Rsa) return Sign(stranger, claims);
            }
            case IdTokenFault.Hs256WithPublicKey:
            {
                var input = Segment(new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = key.Kid }) + "." + Segment(claims);
                var secret = Encoding.ASCII.GetBytes(key.Rsa.ExportSubjectPublicKeyInfoPem());
                return input + "." + Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
            }
            case IdTokenFault.BadSignature:
            {
                var token = Sign(key, claims);
                var dot = token.LastIndexOf('.');
                var signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
                signature[0] ^= 0xFF;
                return token[..(dot + 1)] + Base64Url.EncodeToString(signature);
            }
            default:
                return Sign(key, claims);
        }
    }

    public static string Sign(SigningKey key, JsonObject claims)
    {
        var input = Segment(new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = key.Kid }) + "." + Segment(claims);
        var signature = key.Sign(Encoding.ASCII.GetBytes(input));
        return input + "." + Base64Url.EncodeToString(signature);
    }

    private static string Segment(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    /// <summary>Moves iat, exp and auth_time by the same number of seconds.</summary>
    private static void Shift(JsonObject claims, long seconds)
    {
        foreach (var name in new[] { "iat", "exp", "auth_time" })
            if (claims.ContainsKey(name)) claims[name] = Seconds(claims, name) + seconds;
    }

    private static long Seconds(JsonObject claims, string name) => claims[name]?.GetValue<long>() ?? 0;
}
