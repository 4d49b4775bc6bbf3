using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Daemun.Emulator;

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
