using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Daemun.Emulator.Tests.Support;

/// <summary>A decoded compact JWS, verified the way a relying party does it.</summary>
internal sealed record Jwt(JsonElement Header, JsonElement Payload, byte[] Signature, string SigningInput)
{
    public static Jwt Parse(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return new Jwt(Json(parts[0]), Json(parts[1]), Decode(parts[2]), parts[0] + "." + parts[1]);
    }

    /// <summary>True when the RS256 signature verifies with the JWKS key named by the header's kid.</summary>
    public bool VerifiesWith(JsonElement jwks)
    {
        if (Header.GetProperty("alg").GetString() != "RS256") return false;
        var kid = Header.GetProperty("kid").GetString();
        foreach (var key in jwks.GetProperty("keys").EnumerateArray())
        {
            if (key.GetProperty("kid").GetString() != kid) continue;
            using var rsa = RSA.Create(new RSAParameters
            {
                Modulus = Decode(key.GetProperty("n").GetString()!),
                Exponent = Decode(key.GetProperty("e").GetString()!),
            });
            return rsa.VerifyData(Encoding.ASCII.GetBytes(SigningInput), Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        return false;
    }

    public static byte[] Decode(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    private static JsonElement Json(string segment)
    {
        using var doc = JsonDocument.Parse(Decode(segment));
        return doc.RootElement.Clone();
    }
}
