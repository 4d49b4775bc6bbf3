using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;

namespace Daemun.OpenIdProvider.Keys;

/// <summary>Tells <see cref="IOptionsMonitor{TOptions}"/> of OpenIddict's server options to rebuild them when the ring's published keys
/// change, so that the JWKS and token validation follow a rotation without a restart.</summary>
internal sealed class ServerKeysChangeTokenSource(OpenIdKeyRing ring) : IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    /// <inheritdoc/>
    public string? Name => Options.DefaultName;

    /// <inheritdoc/>
    public IChangeToken GetChangeToken() => ring.GetChangeToken();
}
