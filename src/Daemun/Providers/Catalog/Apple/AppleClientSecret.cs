using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Daemun.Providers;

/// <summary>Apple's client secret: a JWT signed ES256 with the Sign in with Apple private key (the .p8 file), header <c>kid</c> = KeyId,
/// claims <c>iss</c> = TeamId, <c>sub</c> = the client id (Services ID), <c>aud</c> = <c>https://appleid.apple.com</c>, <c>iat</c>, and
/// <c>exp</c> at most six months later (Apple's limit; this one lives <see cref="Lifetime"/>). Made on first use, kept, and made anew
/// <see cref="RenewBefore"/> before it expires. The key is read from <c>PrivateKey</c> as PEM text (the .p8 file's content), so it can live
/// in a secret store or an environment variable rather than on disk; it is never logged, and a bad key's message names only the setting.</summary>
internal sealed class AppleClientSecret : ClientSecretSource
{
    /// <summary>The audience Apple requires.</summary>
    public const string Audience = "https://appleid.apple.com";

    /// <summary>Setting names (<c>Daemun:Providers:apple:{Name}</c>).</summary>
    public const string TeamIdSetting = "TeamId", KeyIdSetting = "KeyId", PrivateKeySetting = "PrivateKey";

    /// <summary>How long a secret is valid (Apple allows up to 15,777,000 seconds, six months).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>How long before its exp a secret is replaced, so one in flight never arrives expired.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(1);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly Lock _gate = new();
    private (string Inputs, string Secret, DateTimeOffset Expires)? _current;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Settings { get; } = [TeamIdSetting, KeyIdSetting, PrivateKeySetting];

    /// <inheritdoc/>
    public override string GetSecret(ProviderOptions provider, Func<string, string?> setting, TimeProvider time)
    {
        var key = $"Daemun:Providers:{provider.Id}";
        var teamId = Required(setting, TeamIdSetting, key);
        var keyId = Required(setting, KeyIdSetting, key);
        var pem = Required(setting, PrivateKeySetting, key).Replace("\\n", "\n", StringComparison.Ordinal); // one-line values (environment variables)
        var clientId = provider.ClientId ?? throw new DaemunConfigurationException($"{key}:ClientId", "is required.");
        var inputs = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{teamId}\n{keyId}\n{clientId}\n{pem}"))); // a change of any setting makes a new secret
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_current is { } c && c.Inputs == inputs && now < c.Expires - RenewBefore) return c.Secret;
            var secret = Create(teamId, keyId, clientId, pem, now, $"{key}:{PrivateKeySetting}");
            _current = (inputs, secret, now + Lifetime);
            return secret;
        }
    }

    private static string Create(string teamId, string keyId, string clientId, string pem, DateTimeOffset now, string keyName)
    {
        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new DaemunConfigurationException(keyName, "is not a PEM private key (paste the whole text of the .p8 file from Apple).");
        }
        if (ecdsa.KeySize != 256) throw new DaemunConfigurationException(keyName, "is not a P-256 key (Sign in with Apple keys are; download it again from Apple).");
        var issued = now.ToUnixTimeSeconds();
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["iss"] = teamId, ["sub"] = clientId, ["aud"] = Audience,
                ["iat"] = issued, ["exp"] = issued + (long)Lifetime.TotalSeconds,
            },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256)
            {
                CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false }, // the key is disposed below
            },
        };
        return Handler.CreateToken(descriptor);
    }

    private static string Required(Func<string, string?> setting, string name, string key) =>
        setting(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim()
        : throw new DaemunConfigurationException($"{key}:{name}", "is required (Sign in with Apple makes its client secret from TeamId, KeyId and PrivateKey).");
}
