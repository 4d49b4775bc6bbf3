using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Daemun.Jose.Tests.Support;

/// Builds JWK and JWKS JSON from .NET keys, as a provider would publish them.
internal static class Jwks
{
    public static string Document(params JsonObject[] keys) =>
        new JsonObject { ["keys"] = new JsonArray([.. keys.Select(key => key.DeepClone())]) }.ToJsonString();

    public static JsonObject Rsa(RSA key, string? kid, string? alg = null, string? use = null)
    {
        var parameters = key.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["n"] = Base64Url.Encode(parameters.Modulus!),
            ["e"] = Base64Url.Encode(parameters.Exponent!),
        };
        return WithCommon(jwk, kid, alg, use);
    }

    public static JsonObject Ec(ECDsa key, string? kid, string? alg = null, string? use = null)
    {
        var parameters = key.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = key.KeySize switch { 256 => "P-256", 384 => "P-384", _ => "P-521" },
            ["x"] = Base64Url.Encode(parameters.Q.X!),
            ["y"] = Base64Url.Encode(parameters.Q.Y!),
        };
        return WithCommon(jwk, kid, alg, use);
    }

    private static JsonObject WithCommon(JsonObject jwk, string? kid, string? alg, string? use)
    {
        if (kid is not null)
        {
            jwk["kid"] = kid;
        }

        if (alg is not null)
        {
            jwk["alg"] = alg;
        }

        if (use is not null)
        {
            jwk["use"] = use;
        }

        return jwk;
    }
}
