using System.Security.Cryptography;

namespace Daemun.Jose.Tests.Support;

/// Keys generated once per test run (generation is the slow part) and shared read-only.
internal static class TestKeys
{
    private static readonly Lazy<RSA> RsaKey = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> OtherRsaKey = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> WeakRsaKey = new(() => RSA.Create(1024));
    private static readonly Lazy<ECDsa> EcKey = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));
    private static readonly Lazy<ECDsa> OtherEcKey = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));
    private static readonly Lazy<ECDsa> P384Key = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP384));

    /// The issuer's RSA 2048 key, published as "rsa-1".
    public static RSA Rsa => RsaKey.Value;

    /// Another RSA 2048 key: an attacker's, or the issuer's next one.
    public static RSA OtherRsa => OtherRsaKey.Value;

    /// An RSA 1024 key, too short to be trusted.
    public static RSA WeakRsa => WeakRsaKey.Value;

    /// The issuer's P-256 key, published as "ec-1".
    public static ECDsa Ec => EcKey.Value;

    /// Another P-256 key.
    public static ECDsa OtherEc => OtherEcKey.Value;

    /// A P-384 key (not supported).
    public static ECDsa P384 => P384Key.Value;
}
