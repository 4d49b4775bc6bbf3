using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Daemun.Emulator;

/// <summary>Compact JWS (RS256) id_tokens, and the broken variants of <see cref="IdTokenFault"/>.</summary>
internal static class Jws
{
    /// <summary>OIDC Core §3.1.3.6 at_hash for RS256: base64url of the left half of SHA-256 of the access token.</summary>
    public static string AccessTokenHash(string accessToken) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)).AsSpan(0, 16));

    /// <summary>Signs the claims, after bending them as the fault asks. Claims must hold iss, aud, iat, exp and (optionally) nonce.
    /// RS256 with the current key, or with <paramref name="signsWithClientSecret"/> HS256 keyed by <paramref name="clientSecret"/> (the
    /// octets of the client secret, OIDC Core §10.1, as LINE signs).</summary>
    public static string CreateIdToken(SigningKeys keys, JsonObject claims, IdTokenFault fault, byte[]? clientSecret = null, bool signsWithClientSecret = false)
    {
        var hmacKey = signsWithClientSecret ? clientSecret ?? throw new ArgumentNullException(nameof(clientSecret)) : null;
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
            case IdTokenFault.Hs256WithClientSecret:
                return SignHs256(clientSecret ?? throw new ArgumentNullException(nameof(clientSecret)), claims);
            case IdTokenFault.Hs256WithAnotherSecret:
                return SignHs256(Encoding.UTF8.GetBytes("not-the-client-secret-of-this-client"), claims);
            case IdTokenFault.BadSignature:
            {
                var token = hmacKey is null ? Sign(key, claims) : SignHs256(hmacKey, claims);
                var dot = token.LastIndexOf('.');
                var signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
                signature[0] ^= 0xFF;
                return token[..(dot + 1)] + Base64Url.EncodeToString(signature);
            }
            default:
                return hmacKey is null ? Sign(key, claims) : SignHs256(hmacKey, claims);
        }
    }

    /// <summary>HS256 keyed by <paramref name="hmacKey"/> (OIDC Core §10.1: the client secret's octets); no kid.</summary>
    public static string SignHs256(byte[] hmacKey, JsonObject claims)
    {
        var input = Segment(new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" }) + "." + Segment(claims);
        return input + "." + Base64Url.EncodeToString(HMACSHA256.HashData(hmacKey, Encoding.ASCII.GetBytes(input)));
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
