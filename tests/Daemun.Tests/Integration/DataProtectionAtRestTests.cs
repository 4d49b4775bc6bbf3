using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Daemun.Providers;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>The Data Protection key ring at rest (the server): with <c>Daemun:DataProtection:CertificatePath</c> every key is written encrypted
/// with the certificate; without it one start-up line says the keys are unprotected and how to protect them, and the framework's own per-key
/// warning is not written. The ring is the folder data/keys (SQLite) or the store's data_protection_keys table (PostgreSQL).</summary>
public sealed class DataProtectionAtRestTests
{
    private const string UnprotectedLine = "is not protected at rest";

    /// <summary>A self-signed RSA certificate with its private key, written as a password-protected .pfx.</summary>
    private static string WriteCertificate(string directory, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Daemun key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(directory, "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    /// <summary>Every key of the site's ring as stored at rest.</summary>
    private static List<string> KeysAtRest(TestSite site)
    {
        if (site.Store == "postgres")
        {
            using var connection = site.OpenDatabase();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT xml FROM data_protection_keys";
            using var reader = command.ExecuteReader();
            var keys = new List<string>();
            while (reader.Read()) keys.Add(reader.GetString(0));
            return keys;
        }
        var folder = Path.Combine(site.DataDirectory, "keys");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.xml").Select(File.ReadAllText).ToList() : [];
    }

    [Fact]
    public async Task WithACertificateTheKeyRingIsEncryptedAtRestAndStillReadAfterARestart()
    {
        var directory = Directory.CreateTempSubdirectory("daemun-keyring-").FullName;
        var certificates = Directory.CreateTempSubdirectory("daemun-cert-").FullName;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Daemun:DataProtection:CertificatePath"] = WriteCertificate(certificates, "pfx-password"),
                ["Daemun:DataProtection:CertificatePassword"] = "pfx-password",
                ["Daemun:ProviderTimeout"] = "00:00:30",
                ["Daemun:Session:Strategy"] = "Cookie", // the session itself is data-protected: reading it after a restart needs the ring
            };
            string userId;
            System.Net.CookieCollection cookies;
            await using (var site = await TestSite.StartAsync(settings, dataDirectory: directory))
            {
                using var browser = site.NewBrowser();
                using (var callback = await browser.SignInAsync("naver", "kim")) Assert.Null(TestBrowser.ErrorCodeOf(callback));
                userId = (await browser.SessionAsync()).GetProperty("user").GetProperty("id").GetString()!;
                cookies = browser.Cookies.GetAllCookies();

                var key = Assert.Single(KeysAtRest(site));
                Assert.Contains("<encryptedSecret", key, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
                Assert.DoesNotContain(site.Logs.Lines, l => l.Contains(UnprotectedLine, StringComparison.Ordinal));
            }

            await using var again = await TestSite.StartAsync(settings, dataDirectory: directory); // the same ring, read with the certificate
            using var returning = again.NewBrowser();
            foreach (System.Net.Cookie cookie in cookies) returning.Cookies.Add(new Uri(again.BaseUrl), new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path));
            Assert.Equal(userId, (await returning.SessionAsync()).GetProperty("user").GetProperty("id").GetString());
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
            try { Directory.Delete(certificates, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task WithoutACertificateOneLineSaysSoAndTheFrameworkWarningIsNotWritten()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        await browser.CsrfAsync(); // the first protected value makes the first key

        var key = Assert.Single(KeysAtRest(site));
        Assert.Contains("<masterKey", key, StringComparison.Ordinal); // the reason for the line
        var line = Assert.Single(site.Logs.Lines, l => l.Contains(UnprotectedLine, StringComparison.Ordinal));
        Assert.StartsWith("Warning ", line, StringComparison.Ordinal);
        Assert.Contains("Daemun:DataProtection:CertificatePath", line, StringComparison.Ordinal);
        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains("unencrypted form", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains("XmlKeyManager", StringComparison.Ordinal) && l.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMissingCertificateFileStopsStartUpNamingTheKey()
    {
        await using var emulator = await Daemun.Emulator.ProviderEmulator.StartAsync(new Daemun.Emulator.EmulatorOptions { KeyCache = TestSite.Keys });

        var failure = await Assert.ThrowsAsync<DaemunConfigurationException>(() => TestSite.StartAsync(
            new Dictionary<string, string?> { ["Daemun:DataProtection:CertificatePath"] = "/nonexistent/keyring.pfx" }, emulator: emulator));

        Assert.Equal("Daemun:DataProtection:CertificatePath", failure.Key);
    }

    [Fact]
    public async Task AWrongCertificatePasswordStopsStartUpNamingTheKeyAndNotThePassword()
    {
        var certificates = Directory.CreateTempSubdirectory("daemun-cert-").FullName;
        try
        {
            await using var emulator = await Daemun.Emulator.ProviderEmulator.StartAsync(new Daemun.Emulator.EmulatorOptions { KeyCache = TestSite.Keys });
            var path = WriteCertificate(certificates, "right-password");

            var failure = await Assert.ThrowsAsync<DaemunConfigurationException>(() => TestSite.StartAsync(new Dictionary<string, string?>
            {
                ["Daemun:DataProtection:CertificatePath"] = path,
                ["Daemun:DataProtection:CertificatePassword"] = "wrong-password",
            }, emulator: emulator));

            Assert.Equal("Daemun:DataProtection:CertificatePassword", failure.Key);
            Assert.DoesNotContain("wrong-password", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            try { Directory.Delete(certificates, recursive: true); } catch (IOException) { }
        }
    }
}
