using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Daemun.OpenIdProvider.Keys;

/// <summary>Gives OpenIddict the ring's keys each time its options are built (at first use, then whenever the ring's published keys change,
/// see <see cref="ServerKeysChangeTokenSource"/>): the published signing keys, the one that signs first, and the encryption key.
/// OpenIddict publishes every signing credential in the JWKS and accepts tokens signed by any of them; which one signs a new token is set
/// per token by <see cref="UseCurrentSigningKey"/>.</summary>
internal sealed class ConfigureServerKeys(OpenIdKeyRing ring) : IConfigureOptions<OpenIddictServerOptions>
{
    /// <inheritdoc/>
    public void Configure(OpenIddictServerOptions options)
    {
        foreach (var key in ring.Published) options.SigningCredentials.Add(key.Credentials);
        options.EncryptionCredentials.Add(ring.Current.Encryption);
    }
}
