using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace Daemun.OpenIdProvider.Keys;

/// <summary>Makes and opens key material. A key leaves this class only protected with Data Protection (purpose <see cref="Purpose"/>),
/// so <c>oidc_keys</c> holds nothing usable without the Data Protection key ring, which every instance shares.</summary>
internal sealed class KeyMaterial(IDataProtectionProvider dataProtection)
{
    /// <summary>The Data Protection purpose of the material in <c>oidc_keys</c>.</summary>
    public const string Purpose = "Daemun.OpenIdProvider.Keys";

    /// <summary>RSA modulus size for <c>RS256</c>: 2048 bits, what every relying party accepts.</summary>
    public const int RsaKeySize = 2048;

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    /// <summary>A new key id: 16 random bytes, base64url (the <c>kid</c> of a signing key).</summary>
    public static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>New material for a key of this use and algorithm, already protected.</summary>
    public string Generate(string use, string algorithm)
    {
        var secret = use switch
        {
            KeyUses.Signing when algorithm == SecurityAlgorithms.RsaSha256 => NewRsa(),
            KeyUses.Signing when algorithm == SecurityAlgorithms.EcdsaSha256 => NewEcdsa(),
            KeyUses.Encryption or KeyUses.Pairwise => RandomNumberGenerator.GetBytes(32),
            _ => throw new ArgumentException($"No key material for use '{use}' with algorithm '{algorithm}'.", nameof(algorithm)),
        };
        try
        {
            return Base64Url.EncodeToString(_protector.Protect(secret));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The signing credentials of a stored signing key; its <c>kid</c> is the row's id.</summary>
    public SigningCredentials Signing(StoredKey key)
    {
        var secret = Unprotect(key);
        try
        {
            SecurityKey securityKey;
            if (key.Algorithm == SecurityAlgorithms.EcdsaSha256)
            {
                var ecdsa = ECDsa.Create();
                ecdsa.ImportPkcs8PrivateKey(secret, out _);
                securityKey = new ECDsaSecurityKey(ecdsa) { KeyId = key.Id };
            }
            else
            {
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(secret, out _);
                securityKey = new RsaSecurityKey(rsa) { KeyId = key.Id };
            }
            return new SigningCredentials(securityKey, key.Algorithm);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The encryption credentials of the stored symmetric key: AES-256 key wrap, AES-256-CBC with HMAC-SHA-512 content encryption.</summary>
    public EncryptingCredentials Encryption(StoredKey key) =>
        new(new SymmetricSecurityKey(Unprotect(key)) { KeyId = key.Id }, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512);

    /// <summary>The stored secret's bytes (the pairwise secret).</summary>
    public byte[] Secret(StoredKey key) => Unprotect(key);

    private byte[] Unprotect(StoredKey key)
    {
        try
        {
            return _protector.Unprotect(Base64Url.DecodeFromChars(key.ProtectedMaterial));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw new KeyUnreadableException(key.Id, e);
        }
    }

    private static byte[] NewRsa()
    {
        using var rsa = RSA.Create(RsaKeySize);
        return rsa.ExportPkcs8PrivateKey();
    }

    private static byte[] NewEcdsa()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ecdsa.ExportPkcs8PrivateKey();
    }
}
