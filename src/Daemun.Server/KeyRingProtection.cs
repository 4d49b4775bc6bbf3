using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Daemun.Providers;
using Microsoft.AspNetCore.DataProtection;

namespace Daemun.Server;

/// <summary>Protects the Data Protection key ring at rest with a certificate (<c>Daemun:DataProtection:CertificatePath</c>, a PKCS#12 file with
/// its RSA private key, and <c>CertificatePassword</c>). Without one the keys are written in plain XML: the server says so in one line, in place of
/// the framework's own warning (one per key).</summary>
internal static partial class KeyRingProtection
{
    private const string PathKey = "Daemun:DataProtection:CertificatePath";
    private const string PasswordKey = "Daemun:DataProtection:CertificatePassword";

    /// <summary>The framework category that warns "No XML encryptor configured" for every key it writes.</summary>
    private const string KeyManagerCategory = "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager";

    /// <summary>Encrypts new keys with the configured certificate (and reads them back with it); returns false when none is configured.</summary>
    public static bool Apply(IDataProtectionBuilder dataProtection, ILoggingBuilder logging, IConfiguration config)
    {
        var path = config[PathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            logging.AddFilter(KeyManagerCategory, LogLevel.Error); // our one line replaces its per-key warning
            return false;
        }
        dataProtection.ProtectKeysWithCertificate(Load(path, config[PasswordKey]));
        return true;
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path)) throw new DaemunConfigurationException(PathKey, $"names no file ('{path}').");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            throw new DaemunConfigurationException(PasswordKey, $"does not open {PathKey} ('{path}'): a wrong password, or not a PKCS#12 (.pfx) file.");
        }
        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            certificate.Dispose();
            throw new DaemunConfigurationException(PathKey, $"must hold an RSA certificate with its private key ('{path}').");
        }
        return certificate;
    }

    /// <summary>The one start-up line when the key ring is not protected at rest.</summary>
    [LoggerMessage(303, LogLevel.Warning, "The Data Protection key ring ({Location}) is not protected at rest: whoever can read it can read sessions, sign-in states and stored provider tokens. Protect it with a certificate: set Daemun:DataProtection:CertificatePath (a .pfx with its private key) and Daemun:DataProtection:CertificatePassword")]
    public static partial void Unprotected(ILogger logger, string location);
}
