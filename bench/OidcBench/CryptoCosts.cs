using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace OidcBench;

/// <summary>Single-thread cost of the primitives on the measured paths, to explain the CPU per grant and per sign-in (not a model of them):
/// PBKDF2-HMAC-SHA256 with OpenIddict's client-secret parameters (10,000 iterations, 16-byte salt, 32-byte key; read from the stored
/// hash by oidc.sh), RS256 signatures with the RSA key sizes involved, RSA-OAEP decryption (the code's key unwrap), and ES256 for contrast.</summary>
internal static class CryptoCosts
{
    public static int Run(Arguments o)
    {
        var iterations = o.Int("iterations", 10_000);
        var payload = RandomNumberGenerator.GetBytes(700); // about a JWT's header and claims
        var salt = RandomNumberGenerator.GetBytes(16);
        Report($"PBKDF2-HMAC-SHA256, {iterations} iterations", 200, () => Rfc2898DeriveBytes.Pbkdf2("bench-machine-secret-0123456789"u8, salt, iterations, HashAlgorithmName.SHA256, 32));
        foreach (var bits in new[] { 2048, 4096 })
        {
            using var rsa = RSA.Create(bits);
            Report($"RS256 sign, RSA-{bits}", bits == 4096 ? 200 : 1000, () => rsa.SignData(payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            var signature = rsa.SignData(payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            Report($"RS256 verify, RSA-{bits}", 2000, () => rsa.VerifyData(payload, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            var wrapped = rsa.Encrypt(RandomNumberGenerator.GetBytes(64), RSAEncryptionPadding.OaepSHA1);
            Report($"RSA-OAEP decrypt (key unwrap), RSA-{bits}", bits == 4096 ? 200 : 1000, () => rsa.Decrypt(wrapped, RSAEncryptionPadding.OaepSHA1));
        }
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Report("ES256 sign, P-256", 2000, () => ec.SignData(payload, HashAlgorithmName.SHA256));
        return 0;
    }

    private static void Report(string what, int runs, Func<object> operation)
    {
        for (var i = 0; i < Math.Max(5, runs / 20); i++) operation(); // warm-up
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++) operation();
        var wall = clock.Elapsed.TotalMilliseconds / runs;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / runs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-44} {cpu,8:F3} ms CPU, {wall,8:F3} ms wall per operation ({runs} runs, one thread)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CRYPTO|{what}|{cpu:F3}|{wall:F3}"));
    }
}
