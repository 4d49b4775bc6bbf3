using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Daemun.Emulator;

/// <summary>One RSA signing key with its key id.</summary>
internal sealed record SigningKey(string Kid, RSA Rsa)
{
    public static SigningKey Create() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)), RSA.Create(2048));

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
internal sealed class SigningKeys : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<SigningKey> retired = [];
    private SigningKey current = SigningKey.Create();
    private SigningKey? previous;

    public SigningKey Current { get { lock (gate) return current; } }

    public void Rotate()
    {
        var next = SigningKey.Create();
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
            default: break;
        }

        var key = keys.Current;
        switch (fault)
        {
            case IdTokenFault.AlgNone:
                return Segment(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }) + "." + Segment(claims) + ".";
            case IdTokenFault.UnknownKid:
            {
                using var stranger = RSA.Create(2048);
                return Sign(new SigningKey("unknown-" + key.Kid, stranger), claims);
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
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
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
