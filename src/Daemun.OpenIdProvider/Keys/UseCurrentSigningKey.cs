using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers.Protection;

namespace Daemun.OpenIdProvider.Keys;

/// <summary>Signs each token with the ring's signing key of that moment. OpenIddict's own choice (<see cref="AttachSecurityCredentials"/>)
/// is the first credential of its options after its own sort, and the options are rebuilt only when the ring reloads: this handler, right
/// after it, makes a key start signing exactly at its <c>signs_from</c>, and never lets a published-ahead key sign early.</summary>
internal sealed class UseCurrentSigningKey(OpenIdKeyRing ring) : IOpenIddictServerHandler<GenerateTokenContext>
{
    /// <summary>Runs right after OpenIddict picked its credentials, before the token is made.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<UseCurrentSigningKey>()
        .SetOrder(AttachSecurityCredentials.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <inheritdoc/>
    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        // every token OpenIddict signs (access and identity tokens, codes, refresh tokens) takes an asymmetric key here
        if (context.SigningCredentials is null || context.SigningCredentials.Key is AsymmetricSecurityKey)
        {
            context.SigningCredentials = ring.Signer.Credentials;
        }
        return default;
    }
}
