using System.Collections.Concurrent;
using System.Security.Cryptography;

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
