using System.Security.Cryptography;

namespace Daemun.Emulator;

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
