using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Daemun.Protocol;

/// <summary>Reads a discovery document alone (<see cref="OpenIdConnectConfiguration.Create"/>); its key set is a source of its own, read
/// when an id_token is validated, so a JWKS outage does not stop a sign-in from starting and an unknown kid refetches only the keys.</summary>
internal sealed class DiscoveryConfigurationRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel) =>
        OpenIdConnectConfiguration.Create(await retriever.GetDocumentAsync(address, cancel));
}
